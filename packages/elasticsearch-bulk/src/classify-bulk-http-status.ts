import { describeReceived } from './describe-received';
import { BulkError } from './errors';

/**
 * What to do with a whole `_bulk` request, from its HTTP status. A closed set, so a sink's
 * `switch` over it is exhaustive:
 *
 * | decision | statuses | what the sink does |
 * | --- | --- | --- |
 * | `parse-items` | 2xx | `parseBulkResponse` the body: per-item outcomes (a 200 can still hold failures) |
 * | `split` | 413 | bisect the chunk (`splitBulkChunk`) and send the halves; a single operation that still gets 413 is rejected |
 * | `retry` | 408, 429, 5xx, 1xx, `'network-error'`, `'timeout'` | report every operation `retryable`; nothing is known to be stored |
 * | `configuration` | 3xx, 401, 403, 404, 405, 406, 407, 415 | throw a non-retryable configuration/authentication error: hand the batch back to Kinesis, never dead-letter per document |
 * | `reject` | other 4xx (400, 409, 422, …) | the request itself is refused: report every operation `rejected` |
 *
 * @example
 * ```ts
 * const decision: BulkRequestDecision = classifyBulkHttpStatus(413); // 'split'
 * ```
 */
export type BulkRequestDecision = 'parse-items' | 'split' | 'retry' | 'configuration' | 'reject';

/**
 * A request that ended without an HTTP status: the connection failed, or no response came in time.
 *
 * @example
 * ```ts
 * const failure: BulkTransportFailure = 'timeout';
 * ```
 */
export type BulkTransportFailure = 'network-error' | 'timeout';

const CONFIGURATION_STATUSES = new Set([401, 403, 404, 405, 406, 407, 415]);

/**
 * Classifies the result of one `_bulk` request (see {@link BulkRequestDecision} for the table).
 * 404/405/3xx mean the URL points somewhere that is not a `_bulk` endpoint, and 406/415 that the
 * request is malformed by configuration; like 401/403, no per-document action can fix them.
 *
 * @throws {BulkError} `invalid-argument` when `status` is neither an integer from 100 to 599 nor
 * `'network-error'`/`'timeout'`.
 *
 * @example
 * ```ts
 * classifyBulkHttpStatus(200); // 'parse-items'
 * classifyBulkHttpStatus(429); // 'retry'
 * classifyBulkHttpStatus(403); // 'configuration'
 * classifyBulkHttpStatus('timeout'); // 'retry'
 * ```
 */
export function classifyBulkHttpStatus(status: number | BulkTransportFailure): BulkRequestDecision {
  if (status === 'network-error' || status === 'timeout') return 'retry';
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new BulkError(
      `classifyBulkHttpStatus needs an HTTP status from 100 to 599, 'network-error' or 'timeout'; received ${describeReceived(status)}`,
      { code: 'invalid-argument' },
    );
  }
  if (status >= 200 && status < 300) return 'parse-items';
  if (status === 413) return 'split';
  if (status < 200 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status < 400 || CONFIGURATION_STATUSES.has(status)) return 'configuration';
  return 'reject';
}
