import type { RecordOutcome, SendResult, Sink, SinkRecord } from '@logferry/sink';
import { SinkError } from '@logferry/sink';

/**
 * Deliberate bugs the reference sink can be built with, each one breaking one rule, so the
 * kit's own tests can prove every rule catches a real mistake.
 *
 * @example
 * ```ts
 * const defect: ReferenceSinkDefect = 'ignore-item-status';
 * ```
 */
export type ReferenceSinkDefect =
  /** Reports every record delivered once the HTTP status is 200, ignoring item statuses. */
  | 'ignore-item-status'
  /** Returns the outcomes in reverse order. */
  | 'reverse-outcomes'
  /** Uses `index` without `_id`: every re-send stores another copy. */
  | 'auto-generated-ids'
  /** Posts a request even for an empty batch. */
  | 'request-empty-batch'
  /** Sets no timeout on its requests. */
  | 'no-timeout'
  /** Does not pass the caller's signal to its requests. */
  | 'ignore-abort'
  /** Treats 401/403 like any other failure: retryable outcomes instead of a SinkError. */
  | 'auth-as-retryable'
  /** Reports transient failures as rejected. */
  | 'transient-as-rejected'
  /** Throws a SinkError for transient failures instead of reporting outcomes. */
  | 'throw-on-transient'
  /** Sends the whole batch in one request, ignoring the byte limit. */
  | 'unbounded-requests'
  /** Puts the Authorization header in the error message of a failed request. */
  | 'credentials-in-error'
  /** Logs the Authorization header with console.debug. */
  | 'log-credentials'
  /** Keeps the password as a public property of the sink object. */
  | 'credentials-in-inspect'
  /** Retries a failed request once, immediately. */
  | 'retry-internally'
  /** Replaces characters outside the Basic Multilingual Plane with U+FFFD. */
  | 'mangle-unicode'
  /** checkHealth() writes a probe document. */
  | 'health-check-writes'
  /** Reports requests: 1 whatever it did. */
  | 'miscount-requests'
  /** sendSequence() checks the sequence for records, then iterates it again to send them. */
  | 'sequence-iterated-twice'
  /** sendSequence() asks for one more record after the sequence ended. */
  | 'sequence-reads-past-end'
  /** After an abort, sendSequence() reports only records that were put into a request. */
  | 'sequence-outcomes-for-sent-only';

/**
 * Options of {@link createReferenceSink}.
 *
 * @example
 * ```ts
 * const options: ReferenceSinkOptions = { url, index: 'logs', username: 'logferry', password: 'secret-pass', timeoutMs: 300, maxRequestBytes: 16_384 };
 * ```
 */
export interface ReferenceSinkOptions {
  /** Base URL of an Elasticsearch-compatible node. */
  readonly url: string;
  readonly index: string;
  readonly username: string;
  readonly password: string;
  /** Timeout of every request, in milliseconds. */
  readonly timeoutMs: number;
  /** Largest request body, in bytes. */
  readonly maxRequestBytes: number;
  /**
   * Bugs to build in, for the kit's own tests.
   * @default []
   */
  readonly defects?: readonly ReferenceSinkDefect[];
}

const notConfirmed: RecordOutcome = Object.freeze({
  status: 'retryable',
  reason: 'not confirmed: the call was aborted before the request carrying this record completed',
  errorType: 'aborted',
});

interface EncodedRecord {
  readonly index: number;
  readonly bytes: Buffer;
}

/** Requests and bytes of one call, and why the rest of it is not sent. */
interface DeliveryState {
  requests: number;
  bytesSent: number;
  stopReason: string | undefined;
}

type RequestOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly error: unknown };

/**
 * A minimal, correct NDJSON-over-HTTP sink for an Elasticsearch `_bulk` endpoint, written only to
 * prove the conformance suite: `create` with the CloudWatch event id as `_id`, byte-bounded
 * requests, per-item classification, no retries, and credentials kept in a closure.
 *
 * @example
 * ```ts
 * const sink = createReferenceSink({ url: fake.url, index: 'logs', username: 'logferry', password: 'secret-pass', timeoutMs: 300, maxRequestBytes: 16_384 });
 * const result = await sink.send(records);
 * ```
 */
export function createReferenceSink(options: ReferenceSinkOptions): Sink {
  const defects = new Set(options.defects ?? []);
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;

  const request = async (
    method: string,
    path: string,
    body: Buffer | undefined,
    signal: AbortSignal | undefined,
  ): Promise<RequestOutcome> => {
    if (defects.has('log-credentials'))
      console.debug(`→ ${method} ${path} authorization=${authorization}`);
    const signals: AbortSignal[] = [];
    if (!defects.has('no-timeout')) signals.push(AbortSignal.timeout(options.timeoutMs));
    if (signal !== undefined && !defects.has('ignore-abort')) signals.push(signal);
    try {
      const response = await fetch(`${options.url}${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/x-ndjson' }),
        },
        ...(body === undefined ? {} : { body }),
        ...(signals.length === 0 ? {} : { signal: AbortSignal.any(signals) }),
      });
      return { kind: 'response', status: response.status, body: await response.text() };
    } catch (error) {
      if (signal?.aborted === true && !defects.has('ignore-abort')) {
        throw new SinkError(`elasticsearch request aborted by the caller: ${method} ${path}`, {
          code: 'aborted',
          retryable: true,
          sink: 'reference',
          cause: error,
        });
      }
      if (error instanceof DOMException && error.name === 'TimeoutError')
        return { kind: 'timeout' };
      return { kind: 'network', error };
    }
  };

  const encode = (record: SinkRecord, index: number): EncodedRecord => {
    const action = defects.has('auto-generated-ids')
      ? { index: { _index: options.index } }
      : { create: { _index: options.index, _id: record.id } };
    const message = defects.has('mangle-unicode')
      ? record.message.replace(/[\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
      : record.message;
    const document = {
      '@timestamp': new Date(record.timestamp).toISOString(),
      id: record.id,
      message,
      owner: record.owner,
      logGroup: record.logGroup,
      logStream: record.logStream,
      ...(record.extractedFields === undefined ? {} : { fields: record.extractedFields }),
    };
    return {
      index,
      bytes: Buffer.from(`${JSON.stringify(action)}\n${JSON.stringify(document)}\n`),
    };
  };

  const failAll = (
    outcomes: RecordOutcome[],
    chunk: readonly EncodedRecord[],
    outcome: RecordOutcome,
  ): void => {
    for (const { index } of chunk) outcomes[index] = outcome;
  };

  /** Sends one chunk and records its outcomes; throws like `send`. */
  const deliverChunk = async (
    chunk: readonly EncodedRecord[],
    outcomes: RecordOutcome[],
    state: DeliveryState,
    signal: AbortSignal | undefined,
  ): Promise<void> => {
    if (state.stopReason !== undefined) {
      failAll(outcomes, chunk, { status: 'retryable', reason: state.stopReason });
      return;
    }
    const body = Buffer.concat(chunk.map((encoded) => encoded.bytes));
    let outcome = await request('POST', '/_bulk', body, signal);
    state.requests += 1;
    state.bytesSent += body.length;
    const failed = outcome.kind !== 'response' || outcome.status >= 400;
    if (failed && defects.has('retry-internally')) {
      outcome = await request('POST', '/_bulk', body, signal);
      state.requests += 1;
      state.bytesSent += body.length;
    }
    const transient = (reason: string, httpStatus?: number): void => {
      if (defects.has('throw-on-transient')) {
        throw new SinkError(`elasticsearch request failed: ${reason}`, {
          code: 'server',
          retryable: true,
          sink: 'reference',
          ...(httpStatus === undefined ? {} : { httpStatus }),
        });
      }
      const status = defects.has('transient-as-rejected') ? 'rejected' : 'retryable';
      failAll(outcomes, chunk, {
        status,
        reason,
        ...(httpStatus === undefined ? {} : { httpStatus }),
      });
      // The destination is struggling: leave the rest to the delivery loop's retry.
      state.stopReason = `not sent: an earlier request of this batch failed (${reason})`;
    };
    if (outcome.kind === 'timeout') {
      transient(`no response within ${options.timeoutMs} ms`);
      return;
    }
    if (outcome.kind === 'network') {
      transient(`connection failed: ${describeCause(outcome.error)}`);
      return;
    }
    if ((outcome.status === 401 || outcome.status === 403) && !defects.has('auth-as-retryable')) {
      throw new SinkError(
        `elasticsearch refused the credentials of user ${options.username}: HTTP ${outcome.status}${
          defects.has('credentials-in-error') ? ` (sent authorization: ${authorization})` : ''
        }`,
        {
          code: 'authentication',
          retryable: false,
          sink: 'reference',
          httpStatus: outcome.status,
        },
      );
    }
    if (
      outcome.status === 429 ||
      outcome.status >= 500 ||
      outcome.status === 401 ||
      outcome.status === 403
    ) {
      transient(`HTTP ${outcome.status}: ${outcome.body.slice(0, 120)}`, outcome.status);
      return;
    }
    if (outcome.status !== 200) {
      failAll(outcomes, chunk, {
        status: 'rejected',
        reason: `HTTP ${outcome.status}: ${outcome.body.slice(0, 200)}`,
        httpStatus: outcome.status,
      });
      return;
    }
    classifyItems(outcome.body, chunk, outcomes, defects.has('ignore-item-status'));
  };

  const send = async (
    records: readonly SinkRecord[],
    sendOptions: { readonly signal?: AbortSignal } = {},
  ): Promise<SendResult> => {
    const outcomes: RecordOutcome[] = new Array(records.length);
    if (records.length === 0 && !defects.has('request-empty-batch')) {
      return { outcomes, requests: 0, bytesSent: 0 };
    }
    if (sendOptions.signal?.aborted === true && !defects.has('ignore-abort')) {
      throw new SinkError('elasticsearch send aborted before it started', {
        code: 'aborted',
        retryable: true,
        sink: 'reference',
      });
    }
    const limit = defects.has('unbounded-requests')
      ? Number.POSITIVE_INFINITY
      : options.maxRequestBytes;
    const chunks: EncodedRecord[][] = [];
    let current: EncodedRecord[] = [];
    let currentBytes = 0;
    records.forEach((record, index) => {
      const encoded = encode(record, index);
      if (encoded.bytes.length > limit) {
        outcomes[index] = {
          status: 'rejected',
          reason: `record encodes to ${encoded.bytes.length} bytes, above maxRequestBytes ${limit}`,
          errorType: 'too-large',
        };
        return;
      }
      if (currentBytes + encoded.bytes.length > limit) {
        chunks.push(current);
        current = [];
        currentBytes = 0;
      }
      current.push(encoded);
      currentBytes += encoded.bytes.length;
    });
    if (current.length > 0 || records.length === 0) chunks.push(current);

    const state: DeliveryState = { requests: 0, bytesSent: 0, stopReason: undefined };
    for (const chunk of chunks) await deliverChunk(chunk, outcomes, state, sendOptions.signal);
    const ordered = defects.has('reverse-outcomes') ? [...outcomes].reverse() : outcomes;
    return {
      outcomes: ordered,
      requests: defects.has('miscount-requests') ? 1 : state.requests,
      bytesSent: state.bytesSent,
    };
  };

  /**
   * Takes records only as chunks fill, and sends each full chunk before taking more, so it holds
   * one chunk at a time.
   */
  const sendSequence = async (
    records: Iterable<SinkRecord>,
    sendOptions: { readonly signal?: AbortSignal } = {},
  ): Promise<SendResult> => {
    const { signal } = sendOptions;
    const honoursAbort = !defects.has('ignore-abort');
    if (signal?.aborted === true && honoursAbort) {
      throw new SinkError('elasticsearch sendSequence aborted before it started', {
        code: 'aborted',
        retryable: true,
        sink: 'reference',
      });
    }
    if (defects.has('sequence-iterated-twice')) {
      if ([...records].length === 0) return { outcomes: [], requests: 0, bytesSent: 0 };
      return send([...records], sendOptions);
    }
    const isAborted = (): boolean => honoursAbort && signal?.aborted === true;
    const outcomes: RecordOutcome[] = [];
    const state: DeliveryState = { requests: 0, bytesSent: 0, stopReason: undefined };
    let current: EncodedRecord[] = [];
    let currentBytes = 0;
    let taken = 0;
    let sent = 0;
    const flush = async (): Promise<void> => {
      const chunk = current;
      current = [];
      currentBytes = 0;
      if (chunk.length === 0) return;
      sent += chunk.length;
      try {
        await deliverChunk(chunk, outcomes, state, signal);
      } catch (error) {
        if (!(error instanceof SinkError && error.code === 'aborted')) throw error;
        // Outcomes for what was taken are more useful to the caller than a bare abort.
        failAll(outcomes, chunk, notConfirmed);
      }
    };
    const iterator = records[Symbol.iterator]();
    for (;;) {
      if (isAborted()) {
        iterator.return?.();
        break;
      }
      const step = iterator.next();
      if (step.done === true) {
        if (defects.has('sequence-reads-past-end')) iterator.next();
        break;
      }
      const encoded = encode(step.value, taken);
      taken += 1;
      if (encoded.bytes.length > options.maxRequestBytes) {
        outcomes[encoded.index] = {
          status: 'rejected',
          reason: `record encodes to ${encoded.bytes.length} bytes, above maxRequestBytes ${options.maxRequestBytes}`,
          errorType: 'too-large',
        };
        continue;
      }
      if (currentBytes + encoded.bytes.length > options.maxRequestBytes) await flush();
      current.push(encoded);
      currentBytes += encoded.bytes.length;
    }
    if (!isAborted()) await flush();
    const reported = defects.has('sequence-outcomes-for-sent-only') ? sent : taken;
    for (let index = 0; index < reported; index += 1) outcomes[index] ??= notConfirmed;
    outcomes.length = reported;
    return { outcomes, requests: state.requests, bytesSent: state.bytesSent };
  };

  const checkHealth = async (
    healthOptions: { readonly signal?: AbortSignal } = {},
  ): Promise<void> => {
    if (defects.has('health-check-writes')) {
      await request(
        'POST',
        '/_bulk',
        Buffer.from(
          `{"create":{"_index":"${options.index}","_id":"health-probe"}}\n{"probe":true}\n`,
        ),
        healthOptions.signal,
      );
    }
    const outcome = await request('GET', '/', undefined, healthOptions.signal);
    if (outcome.kind === 'timeout') {
      throw new SinkError(`elasticsearch did not answer GET / within ${options.timeoutMs} ms`, {
        code: 'timeout',
        retryable: true,
        sink: 'reference',
      });
    }
    if (outcome.kind === 'network') {
      throw new SinkError(`elasticsearch is unreachable: ${describeCause(outcome.error)}`, {
        code: 'network',
        retryable: true,
        sink: 'reference',
        cause: outcome.error,
      });
    }
    if (outcome.status === 401 || outcome.status === 403) {
      throw new SinkError(
        `elasticsearch refused the credentials of user ${options.username}: HTTP ${outcome.status}`,
        {
          code: 'authentication',
          retryable: false,
          sink: 'reference',
          httpStatus: outcome.status,
        },
      );
    }
    if (outcome.status !== 200) {
      throw new SinkError(`elasticsearch health check failed: HTTP ${outcome.status}`, {
        code: 'server',
        retryable: true,
        sink: 'reference',
        httpStatus: outcome.status,
      });
    }
  };

  const sink: Sink = { name: 'reference', send, sendSequence, checkHealth };
  return defects.has('credentials-in-inspect')
    ? Object.assign(sink, { password: options.password })
    : sink;
}

function classifyItems(
  body: string,
  chunk: readonly EncodedRecord[],
  outcomes: RecordOutcome[],
  ignoreItemStatus: boolean,
): void {
  let items: unknown;
  try {
    items = (JSON.parse(body) as { items?: unknown }).items;
  } catch (error) {
    const reason = `unreadable _bulk response: ${describeCause(error)}`;
    for (const { index } of chunk)
      outcomes[index] = { status: 'retryable', reason, errorType: 'invalid-response' };
    return;
  }
  if (!Array.isArray(items) || items.length !== chunk.length) {
    const reason = `_bulk response has ${Array.isArray(items) ? items.length : 'no'} items for ${chunk.length} actions`;
    for (const { index } of chunk)
      outcomes[index] = { status: 'retryable', reason, errorType: 'invalid-response' };
    return;
  }
  chunk.forEach(({ index }, position) => {
    if (ignoreItemStatus) {
      outcomes[index] = { status: 'delivered' };
      return;
    }
    const item = Object.values(items[position] as Record<string, unknown>)[0] as {
      status: number;
      error?: { type?: string; reason?: string };
    };
    const conflict =
      item.status === 409 && item.error?.type === 'version_conflict_engine_exception';
    if (item.status < 300 || conflict) {
      outcomes[index] = { status: 'delivered' };
      return;
    }
    outcomes[index] = {
      status: item.status === 429 || item.status >= 500 ? 'retryable' : 'rejected',
      reason: item.error?.reason ?? `item status ${item.status}`,
      ...(item.error?.type === undefined ? {} : { errorType: item.error.type }),
      httpStatus: item.status,
    };
  });
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
