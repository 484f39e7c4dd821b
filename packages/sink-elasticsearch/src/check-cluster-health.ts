import { describeNetworkError } from './describe-network-error';
import { createSinkError } from './errors';
import { type HttpTransport, performRequest } from './perform-request';
import { summarizeErrorBody } from './summarize-error-body';

/**
 * Where and how the health check asks.
 *
 * @example
 * ```ts
 * const context: HealthCheckContext = { transport, url: 'https://es.example.com/', target: 'GET https://es.example.com/' };
 * ```
 */
export interface HealthCheckContext {
  readonly transport: HttpTransport;
  /** `<base>/` for clusters and domains, `<base>/_cat/indices?format=json` for Serverless. */
  readonly url: string;
  /** `GET <url>` for messages. */
  readonly target: string;
}

const HEADERS = { accept: 'application/json', 'user-agent': 'logferry-sink-elasticsearch' };

function isJsonValue(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

/**
 * Asks the cluster one read-only question — `GET /` (cluster info) on Elasticsearch and
 * OpenSearch, `GET /_cat/indices?format=json` on OpenSearch Serverless, which has no `GET /` — and
 * resolves when it answers 2xx with JSON. It proves the URL, the network path and the
 * credentials, and writes nothing.
 *
 * @throws {SinkError} `authentication` (401/403) or `configuration` (another 4xx or a redirect),
 * both `retryable: false`; `timeout`, `throttled` (429), `server` (5xx), `network`,
 * `invalid-response` (2xx that is not JSON, e.g. a proxy's page) and `aborted`, all
 * `retryable: true`.
 *
 * @example
 * ```ts
 * await checkClusterHealth(context, [options.signal]);
 * ```
 */
export async function checkClusterHealth(
  context: HealthCheckContext,
  signals: readonly (AbortSignal | undefined)[],
): Promise<void> {
  const exchange = await performRequest(
    context.transport,
    { method: 'GET', url: context.url, headers: HEADERS, body: undefined },
    signals,
  );
  const { target } = context;
  switch (exchange.kind) {
    case 'aborted':
      throw createSinkError(`The health check ${target} was aborted by the caller`, {
        code: 'aborted',
        retryable: true,
      });
    case 'timeout':
      throw createSinkError(
        `The health check ${target} got no answer within ${context.transport.timeoutMs} ms (option timeoutMs)`,
        { code: 'timeout', retryable: true },
      );
    case 'network':
      throw createSinkError(
        `The health check ${target} failed before an answer: ${describeNetworkError(exchange.error)}`,
        { code: 'network', retryable: true, cause: exchange.error },
      );
    case 'signing-failed':
      throw createSinkError(
        `Could not sign the health check ${target}: ${exchange.error.message}`,
        {
          code: exchange.error.retryable
            ? 'network'
            : exchange.error.code === 'missing-credentials'
              ? 'authentication'
              : 'configuration',
          retryable: exchange.error.retryable,
          cause: exchange.error,
        },
      );
    case 'response':
      break;
  }
  const { status } = exchange;
  const answered = `The health check ${target} answered ${status}${exchange.statusText === '' ? '' : ` ${exchange.statusText}`}`;
  if (status >= 200 && status < 300) {
    if (isJsonValue(exchange.body)) return;
    throw createSinkError(
      `${answered} with a body that is not JSON (${summarizeErrorBody(exchange).text}); is option url the cluster, or a proxy's page?`,
      { code: 'invalid-response', retryable: true, httpStatus: status },
    );
  }
  const reason = `${answered}: ${summarizeErrorBody(exchange).text}`;
  if (status === 401 || status === 403) {
    context.transport.authorizer.forgetCredentials();
    throw createSinkError(
      `${reason}. The cluster refused the credentials of option auth (${context.transport.authorizer.describe().type})`,
      { code: 'authentication', retryable: false, httpStatus: status },
    );
  }
  if (status === 408) {
    throw createSinkError(reason, { code: 'timeout', retryable: true, httpStatus: status });
  }
  if (status === 429) {
    throw createSinkError(reason, { code: 'throttled', retryable: true, httpStatus: status });
  }
  if (status >= 500) {
    throw createSinkError(reason, { code: 'server', retryable: true, httpStatus: status });
  }
  throw createSinkError(`${reason}. Check option url`, {
    code: 'configuration',
    retryable: false,
    httpStatus: status,
  });
}
