import type http from 'node:http';
import { type RecordOutcome, type SendResult, SinkError, type SinkRecord } from '@logferry/sink';
import { classifyHttpStatus } from './classify-http-status';
import { compressBody } from './compress-body';
import { describeHttpResponse } from './describe-http-response';
import { describeReceived } from './describe-received';
import { type EncodedEvent, encodeRequestBody } from './encode-request-body';
import { maskSecrets } from './mask-secrets';
import { measureBody } from './measure-body';
import { type PlannedEvent, planRequests } from './plan-requests';
import type { ResolvedHttpSinkConfig } from './resolve-http-sink-config';
import { type HttpExchange, sendHttpRequest } from './send-http-request';

type FailedOutcome = Exclude<RecordOutcome, { status: 'delivered' }>;

const delivered: RecordOutcome = Object.freeze({ status: 'delivered' });

/**
 * Sends one batch to an HTTP intake and reports one outcome per record, in input order.
 *
 * 1. Each record becomes one event (`toEvent`, then `JSON.stringify`); a record whose event
 *    cannot be built, or is larger than `maxEventBytes` or a whole request, is `rejected` here.
 * 2. The events are planned into requests of at most `maxBytes` and `maxEvents`
 *    (see `planRequests`), and sent one request at a time, each body encoded and compressed just
 *    before it is sent.
 * 3. Each answer is classified (see `classifyHttpStatus`): 2xx delivered; 413 splits the request
 *    in halves down to single events (a single event still refused is `rejected`); other 4xx
 *    `rejected` with the intake's reason; 401/403/407 and URL problems throw a `SinkError`.
 * 4. After a transient failure (429, 5xx, timeout, dropped connection, abort) the records of that
 *    request are `retryable` and nothing more is sent: the rest is `retryable` too. Kinesis
 *    replays every record after the first one handed back, and an intake cannot deduplicate, so
 *    sending the rest would only store it twice. There is no retry here; the delivery loop owns
 *    retries.
 *
 * @throws {SinkError} `authentication` (401/403/407) or `configuration` (3xx, 404, 405, 406, 410,
 *   415), both `retryable: false`; no outcomes are reported then.
 * @example
 * ```ts
 * const result = await sendBatch(config, records, { signal, agentFor: (url) => agents.for(url) });
 * ```
 */
export async function sendBatch(
  config: ResolvedHttpSinkConfig,
  records: readonly SinkRecord[],
  context: {
    readonly signal: AbortSignal | undefined;
    readonly agentFor: (url: URL) => http.Agent;
  },
): Promise<SendResult> {
  const { signal } = context;
  const outcomes: RecordOutcome[] = new Array(records.length);
  let requests = 0;
  let bytesSent = 0;
  if (records.length === 0) return { outcomes, requests, bytesSent };
  if (signal?.aborted) {
    outcomes.fill({
      status: 'retryable',
      reason: 'send() was called with an aborted signal; nothing was sent',
      errorType: 'aborted',
    });
    return { outcomes, requests, bytesSent };
  }

  const encoded: (EncodedEvent | undefined)[] = new Array(records.length);
  const planned: (PlannedEvent | undefined)[] = new Array(records.length);
  const headersOf: (Readonly<Record<string, string>> | undefined)[] = new Array(records.length);
  for (const [index, record] of records.entries()) {
    const event = encodeEvent(config, record);
    if ('status' in event) {
      outcomes[index] = event;
      continue;
    }
    encoded[index] = event;
    let group = '';
    if (config.recordHeaders !== undefined) {
      const headers = config.recordHeaders(record);
      headersOf[index] = headers;
      group = Object.entries(headers).flat().join('\n');
    }
    planned[index] = { bytes: event.bytes, group };
  }

  const plan = planRequests(planned, config);
  for (const index of plan.oversized) {
    const bytes = measureBody(config.format, 1, encoded[index]!.bytes);
    outcomes[index] = {
      status: 'rejected',
      reason: `the event needs a ${bytes}-byte request body on its own, above maxBytes (${config.maxBytes}); it was not sent`,
      errorType: 'event-too-large',
    };
  }

  const describeIntake = `${config.name} intake ${config.displayUrl}`;

  const deliver = async (indices: readonly number[]): Promise<FailedOutcome | undefined> => {
    const body = encodeRequestBody(
      config.format,
      indices.map((index) => encoded[index]!),
    );
    const wire = await compressBody(body, config.compression);
    if (signal?.aborted) return settle(indices, createAbortedOutcome());
    const headers: Record<string, string> = { ...config.headers };
    if (config.recordHeaders !== undefined) Object.assign(headers, headersOf[indices[0]!]);
    if (wire.encoding !== undefined) headers['content-encoding'] = wire.encoding;
    const exchange = await sendHttpRequest({
      url: config.url,
      method: config.method,
      headers,
      body: wire.body,
      timeoutMs: config.timeoutMs,
      signal,
      agent: context.agentFor(config.url),
    });
    if (exchange.sent) {
      requests += 1;
      bytesSent += wire.body.length;
    }
    if (exchange.kind !== 'response') {
      return settle(indices, describeTransportFailure(exchange, describeIntake, config.timeoutMs));
    }
    const answer = describeHttpResponse(exchange, config.secrets);
    const { status } = exchange;
    switch (classifyHttpStatus(status)) {
      case 'delivered':
        for (const index of indices) outcomes[index] = delivered;
        return undefined;
      case 'too-large': {
        if (indices.length === 1) {
          outcomes[indices[0]!] = {
            status: 'rejected',
            reason: `${describeIntake} answered ${answer} even for this event alone (${wire.body.length} bytes on the wire)`,
            errorType: 'payload-too-large',
            httpStatus: status,
          };
          return undefined;
        }
        const middle = Math.ceil(indices.length / 2);
        const failure = await deliver(indices.slice(0, middle));
        if (failure !== undefined)
          return settle(indices.slice(middle), createNotSentOutcome(failure));
        return deliver(indices.slice(middle));
      }
      case 'retryable':
        return settle(indices, {
          status: 'retryable',
          reason: `${describeIntake} answered ${answer}`,
          errorType: status === 429 ? 'throttled' : status === 408 ? 'timeout' : 'server',
          httpStatus: status,
        });
      case 'rejected':
        for (const index of indices) {
          outcomes[index] = {
            status: 'rejected',
            reason: `${describeIntake} refused the request: ${answer}`,
            errorType: 'rejected-by-intake',
            httpStatus: status,
          };
        }
        return undefined;
      case 'authentication':
        throw new SinkError(
          `${describeIntake} answered ${answer}. The credentials (${config.credentials}) are missing, expired or not allowed to write; no record was reported, fix the configuration`,
          { code: 'authentication', retryable: false, sink: config.name, httpStatus: status },
        );
      case 'configuration':
        throw new SinkError(
          `${describeIntake} answered ${answer}. That is an answer about the address or the request format, not about the records: check the URL and the preset (${config.preset})`,
          { code: 'configuration', retryable: false, sink: config.name, httpStatus: status },
        );
      case 'unexpected':
        return settle(indices, {
          status: 'retryable',
          reason: `${describeIntake} answered an unexpected status: ${answer}`,
          errorType: 'invalid-response',
          httpStatus: status,
        });
    }
  };

  const settle = (indices: readonly number[], outcome: FailedOutcome): FailedOutcome => {
    for (const index of indices) outcomes[index] = outcome;
    return outcome;
  };

  let failure: FailedOutcome | undefined;
  for (const indices of plan.requests) {
    if (failure !== undefined) settle(indices, createNotSentOutcome(failure));
    else failure = await deliver(indices);
  }
  return { outcomes, requests, bytesSent };
}

function encodeEvent(
  config: ResolvedHttpSinkConfig,
  record: SinkRecord,
): EncodedEvent | FailedOutcome {
  let event: unknown;
  try {
    event = config.toEvent(record);
  } catch (error) {
    return createInvalidEventOutcome(
      `toEvent threw for this record: ${describeError(error, config.secrets)}`,
    );
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    return createInvalidEventOutcome(
      `toEvent must return a JSON object; it returned ${describeReceived(event)}`,
    );
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(event);
  } catch (error) {
    return createInvalidEventOutcome(
      `the event toEvent returned cannot be serialized to JSON: ${describeError(error, config.secrets)}`,
    );
  }
  if (json === undefined) {
    return createInvalidEventOutcome(
      'the event toEvent returned serializes to nothing (a toJSON returning undefined)',
    );
  }
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > config.maxEventBytes) {
    return {
      status: 'rejected',
      reason: `the event is ${bytes} bytes as JSON, above maxEventBytes (${config.maxEventBytes}); it was not sent`,
      errorType: 'event-too-large',
    };
  }
  return { json, bytes };
}

function createInvalidEventOutcome(reason: string): FailedOutcome {
  return { status: 'rejected', reason, errorType: 'invalid-event' };
}

function describeError(error: unknown, secrets: readonly string[]): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : describeReceived(error);
  return maskSecrets(text.length > 300 ? `${text.slice(0, 300)}… (truncated)` : text, secrets);
}

function describeTransportFailure(
  exchange: Exclude<HttpExchange, { kind: 'response' }>,
  describeIntake: string,
  timeoutMs: number,
): FailedOutcome {
  // A request that reached the intake may have been stored although no answer came back.
  const maybeStored = exchange.sent
    ? '; the intake may have stored it, so a re-send can duplicate it'
    : '';
  switch (exchange.kind) {
    case 'timeout':
      return {
        status: 'retryable',
        reason: `${describeIntake} did not answer within timeoutMs (${timeoutMs} ms)${maybeStored}`,
        errorType: 'timeout',
      };
    case 'aborted':
      return createAbortedOutcome(maybeStored);
    case 'network': {
      const code = (exchange.error as { code?: unknown } | undefined)?.code;
      const what = typeof code === 'string' ? code : (exchange.error?.message ?? 'unknown error');
      return {
        status: 'retryable',
        reason: `the connection to ${describeIntake} failed before an answer (${what.slice(0, 100)})${maybeStored}`,
        errorType: 'network',
      };
    }
  }
}

function createAbortedOutcome(maybeStored = ''): FailedOutcome {
  return {
    status: 'retryable',
    reason: `send() was aborted (options.signal) before the intake answered${maybeStored}`,
    errorType: 'aborted',
  };
}

function createNotSentOutcome(failure: FailedOutcome): FailedOutcome {
  const cause = `${failure.errorType ?? 'failure'}${failure.httpStatus === undefined ? '' : ` ${failure.httpStatus}`}`;
  return {
    status: 'retryable',
    reason: `not sent: an earlier request of this send() failed (${cause}), and Kinesis replays the records after it anyway`,
    errorType: 'not-sent',
  };
}
