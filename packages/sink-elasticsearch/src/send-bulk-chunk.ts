import {
  type BulkChunk,
  BulkResponseError,
  classifyBulkHttpStatus,
  parseBulkResponse,
} from '@logferry/elasticsearch-bulk';
import type { RecordOutcome } from '@logferry/sink';
import type { CompressionAdvisor } from './create-compression-advisor';
import { describeNetworkError } from './describe-network-error';
import { type EncodedRequestBody, encodeRequestBody } from './encode-request-body';
import { createSinkError } from './errors';
import { type HttpExchange, type HttpTransport, performRequest } from './perform-request';
import { summarizeErrorBody } from './summarize-error-body';

/**
 * What the sink needs to send `_bulk` requests.
 *
 * @example
 * ```ts
 * const context: BulkRequestContext = { transport, bulkUrl, target: 'POST https://es.example.com/_bulk', compressionAdvisor: createCompressionAdvisor({ compression: 'auto', gzipLevel: 1 }), gzipLevel: 1 };
 * ```
 */
export interface BulkRequestContext {
  readonly transport: HttpTransport;
  /** The `_bulk` URL, with its `filter_path` query. */
  readonly bulkUrl: string;
  /** `POST <origin><path>/_bulk`, for reasons and messages (no query, no credentials). */
  readonly target: string;
  /** Whether each body is gzipped; it learns from the requests timed here and its own samples. */
  readonly compressionAdvisor: CompressionAdvisor;
  readonly gzipLevel: number;
}

/**
 * Requests made and body bytes put on the wire, accumulated over one `send`.
 *
 * @example
 * ```ts
 * const tally: SendTally = { requests: 0, bytesSent: 0 };
 * ```
 */
export interface SendTally {
  requests: number;
  bytesSent: number;
}

/**
 * What became of one chunk: an outcome per operation (in chunk order), a 413 that calls for
 * bisecting, or an abort before anything was confirmed.
 *
 * @example
 * ```ts
 * const answer: ChunkAnswer = { kind: 'split', reason: 'POST …/_bulk answered 413 Payload Too Large: HTML page: 413 Request Entity Too Large' };
 * ```
 */
export type ChunkAnswer =
  | {
      readonly kind: 'outcomes';
      readonly outcomes: readonly RecordOutcome[];
      /** Whether the cluster answered: `false` after a timeout, a network or signing failure. */
      readonly answered: boolean;
    }
  | { readonly kind: 'split'; readonly reason: string }
  | { readonly kind: 'aborted' };

/** A {@link ChunkAnswer} before `answered` is added, which the exchange's kind decides. */
type ClassifiedAnswer =
  | { readonly kind: 'outcomes'; readonly outcomes: readonly RecordOutcome[] }
  | Exclude<ChunkAnswer, { readonly kind: 'outcomes' }>;

const NDJSON_HEADERS = {
  accept: 'application/json',
  'content-type': 'application/x-ndjson',
  'user-agent': 'logferry-sink-elasticsearch',
};

function answerAllWith(chunk: BulkChunk, outcome: RecordOutcome): ClassifiedAnswer {
  return {
    kind: 'outcomes',
    outcomes: new Array<RecordOutcome>(chunk.operationIndices.length).fill(outcome),
  };
}

function describeStatus(exchange: Extract<HttpExchange, { kind: 'response' }>): string {
  return exchange.statusText === ''
    ? `${exchange.status}`
    : `${exchange.status} ${exchange.statusText}`;
}

function classifyResponse(
  context: BulkRequestContext,
  chunk: BulkChunk,
  exchange: Extract<HttpExchange, { kind: 'response' }>,
): ClassifiedAnswer {
  const { status } = exchange;
  const answered = `${context.target} answered ${describeStatus(exchange)}`;
  if (status < 100 || status > 599) {
    return answerAllWith(chunk, {
      status: 'retryable',
      reason: `${answered}, which is not an HTTP status`,
      errorType: 'invalid-response',
    });
  }
  const decision = classifyBulkHttpStatus(status);
  if (decision === 'parse-items') {
    try {
      return {
        kind: 'outcomes',
        outcomes: parseBulkResponse(exchange.body, chunk.operationIndices.length),
      };
    } catch (error) {
      if (!(error instanceof BulkResponseError)) throw error;
      // Nothing is known about which documents were stored; re-sending `create` with their ids
      // cannot duplicate them.
      return answerAllWith(chunk, {
        status: error.retryable ? 'retryable' : 'rejected',
        reason: `${answered} with a body that is not a usable _bulk response: ${error.message}`,
        errorType: error.code,
        httpStatus: error.httpStatus ?? status,
      });
    }
  }
  const summary = summarizeErrorBody(exchange);
  const reason = `${answered}: ${summary.text}`;
  const details = {
    ...(summary.errorType === undefined ? {} : { errorType: summary.errorType }),
    httpStatus: status,
  };
  switch (decision) {
    case 'split':
      return { kind: 'split', reason };
    case 'retry':
      return answerAllWith(chunk, { status: 'retryable', reason, ...details });
    case 'reject':
      return answerAllWith(chunk, { status: 'rejected', reason, ...details });
    case 'configuration':
      if (status === 401 || status === 403) {
        context.transport.authorizer.forgetCredentials();
        throw createSinkError(
          `${reason}. The cluster refused the credentials of option auth (${context.transport.authorizer.describe().type}): fix them or their permissions; no record was dead-lettered`,
          { code: 'authentication', retryable: false, httpStatus: status },
        );
      }
      throw createSinkError(
        `${reason}. This answer means option url does not point at a _bulk endpoint that accepts this request (a redirect, a missing route or proxy, a refused content type); fix the configuration`,
        { code: 'configuration', retryable: false, httpStatus: status },
      );
  }
}

/**
 * Starts turning a chunk into its request body — its bytes as they are, or gzip on libuv's thread
 * pool when enabled — and returns the promise at once, so the caller can encode the next chunk on this
 * thread while this one compresses. With `parallel: false` the body compresses as one stream
 * instead of parallel pieces: the right choice when this thread will be busy meanwhile, since more
 * compression threads would only compete with it for the cores. The promise never rejects
 * unhandled: a failure surfaces when {@link sendBulkChunk} awaits it.
 *
 * @example
 * ```ts
 * const body = prepareChunkBody(context, chunk, { parallel: false }); // the next chunk is built meanwhile
 * const answer = await sendBulkChunk(context, chunk, [signal], tally, body);
 * ```
 */
export function prepareChunkBody(
  context: BulkRequestContext,
  chunk: BulkChunk,
  { parallel = true }: { readonly parallel?: boolean } = {},
): Promise<EncodedRequestBody> {
  const encoding = context.compressionAdvisor.choose(chunk.bytes);
  const body = encodeRequestBody(chunk.bytes, encoding, context.gzipLevel, parallel);
  // Marked as handled here because an aborted send may never await it.
  body.catch(() => {});
  return body;
}

/**
 * Sends one chunk as a `_bulk` request — encoded (gzip when enabled), authorized, bounded by the
 * transport's timeout and the given signals — and classifies the answer with the bulk library:
 * per-item outcomes for a 2xx, `split` for a 413, the same `retryable` outcome for every
 * operation on 408/429/5xx/timeouts/connection failures, the same `rejected` outcome on other
 * 4xx. Counts the request and its wire bytes in `tally` once it is sent. Pass `preparedBody`
 * (from {@link prepareChunkBody}) when the body was started earlier.
 *
 * @throws {SinkError} `authentication` (401/403, or SigV4 credentials missing) and `configuration`
 * (3xx, 404, 405, 406, 407, 415, or a signing error no retry can fix), both `retryable: false`.
 *
 * @example
 * ```ts
 * const answer = await sendBulkChunk(context, chunk, [signal], tally);
 * if (answer.kind === 'outcomes') answer.outcomes.forEach((outcome, i) => (outcomes[chunk.operationIndices[i]!] = outcome));
 * ```
 */
export async function sendBulkChunk(
  context: BulkRequestContext,
  chunk: BulkChunk,
  signals: readonly (AbortSignal | undefined)[],
  tally: SendTally,
  preparedBody: Promise<EncodedRequestBody> = prepareChunkBody(context, chunk),
): Promise<ChunkAnswer> {
  const body = await preparedBody;
  const started = performance.now();
  const exchange = await performRequest(
    context.transport,
    {
      method: 'POST',
      url: context.bulkUrl,
      headers:
        body.contentEncoding === undefined
          ? NDJSON_HEADERS
          : { ...NDJSON_HEADERS, 'content-encoding': body.contentEncoding },
      body: body.bytes,
    },
    signals,
  );
  // Only accepted requests are timed: a 429 or a 503 may be answered before the body is read,
  // and would make the link look faster than it is.
  if (exchange.kind === 'response' && exchange.status >= 200 && exchange.status < 300) {
    context.compressionAdvisor.recordRequest(body.bytes.byteLength, performance.now() - started);
  }
  if (exchange.requestSent) {
    tally.requests += 1;
    tally.bytesSent += body.bytes.byteLength;
  }
  const answer = classifyExchange(context, chunk, exchange);
  return answer.kind === 'outcomes'
    ? { ...answer, answered: exchange.kind === 'response' }
    : answer;
}

function classifyExchange(
  context: BulkRequestContext,
  chunk: BulkChunk,
  exchange: HttpExchange,
): ClassifiedAnswer {
  switch (exchange.kind) {
    case 'aborted':
      return { kind: 'aborted' };
    case 'timeout':
      return answerAllWith(chunk, {
        status: 'retryable',
        reason: `no answer to ${context.target} within ${context.transport.timeoutMs} ms (option timeoutMs)`,
        errorType: 'timeout',
      });
    case 'network':
      return answerAllWith(chunk, {
        status: 'retryable',
        reason: `${context.target} failed before an answer: ${describeNetworkError(exchange.error)}`,
        errorType: 'network',
      });
    case 'signing-failed': {
      const { error } = exchange;
      if (error.retryable) {
        return answerAllWith(chunk, {
          status: 'retryable',
          reason: `could not sign ${context.target}: ${error.message}`,
          errorType: error.code,
        });
      }
      throw createSinkError(`Could not sign ${context.target}: ${error.message}`, {
        code: error.code === 'missing-credentials' ? 'authentication' : 'configuration',
        retryable: false,
        cause: error,
      });
    }
    case 'response':
      return classifyResponse(context, chunk, exchange);
  }
}
