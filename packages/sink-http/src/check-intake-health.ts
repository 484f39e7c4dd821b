import type http from 'node:http';
import { SinkError, type SinkErrorCode } from '@logferry/sink';
import { classifyHttpStatus } from './classify-http-status';
import { describeHttpResponse } from './describe-http-response';
import type { ResolvedHttpSinkConfig } from './resolve-http-sink-config';
import { sendHttpRequest } from './send-http-request';

/**
 * Makes the configured health-check request (a `GET` by default, with the sink's credentials and
 * custom headers, never a body) and resolves when the intake answers 2xx. Writes nothing.
 *
 * @throws {SinkError} `authentication` for 401/403/407 and `configuration` for other 3xx/4xx
 *   (both `retryable: false`); `throttled` for 429, `server` for 408/5xx, `timeout`, `network`,
 *   `aborted` and `invalid-response` (all `retryable: true`).
 * @example
 * ```ts
 * await checkIntakeHealth(config, { signal: AbortSignal.timeout(5000), agentFor: (url) => agent });
 * ```
 */
export async function checkIntakeHealth(
  config: ResolvedHttpSinkConfig,
  context: {
    readonly signal: AbortSignal | undefined;
    readonly agentFor: (url: URL) => http.Agent;
  },
): Promise<void> {
  const healthCheck = config.healthCheck;
  if (healthCheck === undefined) return;
  const { 'content-type': _contentType, ...headers } = config.headers;
  const target = `${config.name} health check ${healthCheck.method} ${healthCheck.displayUrl}`;
  const fail = (message: string, code: SinkErrorCode, retryable: boolean, httpStatus?: number) =>
    new SinkError(message, {
      code,
      retryable,
      sink: config.name,
      ...(httpStatus === undefined ? {} : { httpStatus }),
    });
  const exchange = await sendHttpRequest({
    url: healthCheck.url,
    method: healthCheck.method,
    headers,
    timeoutMs: config.timeoutMs,
    signal: context.signal,
    agent: context.agentFor(healthCheck.url),
  });
  switch (exchange.kind) {
    case 'timeout':
      throw fail(
        `${target} got no answer within timeoutMs (${config.timeoutMs} ms)`,
        'timeout',
        true,
      );
    case 'aborted':
      throw fail(`${target} was aborted (options.signal)`, 'aborted', true);
    case 'network': {
      const code = (exchange.error as { code?: unknown } | undefined)?.code;
      throw fail(
        `${target} failed before an answer (${typeof code === 'string' ? code : 'connection error'})`,
        'network',
        true,
      );
    }
    case 'response':
      break;
  }
  const { status } = exchange;
  const answer = describeHttpResponse(exchange, config.secrets);
  switch (classifyHttpStatus(status)) {
    case 'delivered':
      return;
    case 'authentication':
      throw fail(
        `${target} answered ${answer}. The credentials (${config.credentials}) are missing, expired or not allowed`,
        'authentication',
        false,
        status,
      );
    case 'retryable':
      throw fail(
        `${target} answered ${answer}`,
        status === 429 ? 'throttled' : 'server',
        true,
        status,
      );
    case 'unexpected':
      throw fail(
        `${target} answered an unexpected status: ${answer}`,
        'invalid-response',
        true,
        status,
      );
    default:
      throw fail(
        `${target} answered ${answer}. Check the URL, the preset (${config.preset}) and healthCheck`,
        'configuration',
        false,
        status,
      );
  }
}
