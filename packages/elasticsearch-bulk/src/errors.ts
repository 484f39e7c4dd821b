/**
 * Machine-readable reasons a {@link BulkResponseError} is thrown: the body of a `_bulk` response
 * could not be turned into one outcome per operation.
 *
 * | code | meaning |
 * | --- | --- |
 * | `invalid-json` | the body is not JSON (an HTML 413/502 page from a proxy, a truncated body) |
 * | `unexpected-shape` | the body is JSON but not an object |
 * | `error-response` | the body is an Elasticsearch error response (`{"error":…,"status":…}`) |
 * | `missing-items` | no `items` array, and `errors` is not `false` |
 * | `item-count-mismatch` | `items` does not hold exactly one entry per operation sent |
 * | `invalid-item` | an item has no action key, no numeric `status`, or the wrong action |
 *
 * @example
 * ```ts
 * const code: BulkResponseErrorCode = 'item-count-mismatch';
 * ```
 */
export type BulkResponseErrorCode =
  | 'invalid-json'
  | 'unexpected-shape'
  | 'error-response'
  | 'missing-items'
  | 'item-count-mismatch'
  | 'invalid-item';

/**
 * Machine-readable reasons a {@link BulkError} is thrown.
 *
 * | code | meaning | retryable |
 * | --- | --- | --- |
 * | `invalid-options` | an option of a factory or function is out of its documented range | no |
 * | `invalid-template` | the index name template is empty, has an unknown token or invalid text | no |
 * | `invalid-argument` | a function argument is out of range (e.g. a negative operation count) | no |
 * | `invalid-event` | a log event has no usable id, timestamp, message or names | no |
 * | `invalid-document` | the `toDocument` option threw or returned something other than an object | no |
 * | `invalid-operation` | a bulk operation cannot be encoded (bad action, non-object or circular source) | no |
 * | {@link BulkResponseErrorCode} | thrown as {@link BulkResponseError} | see there |
 *
 * @example
 * ```ts
 * const code: BulkErrorCode = 'invalid-template';
 * ```
 */
export type BulkErrorCode =
  | 'invalid-options'
  | 'invalid-template'
  | 'invalid-argument'
  | 'invalid-event'
  | 'invalid-document'
  | 'invalid-operation'
  | BulkResponseErrorCode;

/**
 * Options of a {@link BulkError}.
 *
 * @example
 * ```ts
 * const options: BulkErrorOptions = { code: 'invalid-event', cause: new RangeError('Invalid time value') };
 * ```
 */
export interface BulkErrorOptions {
  /** What went wrong, for callers to branch on. */
  readonly code: BulkErrorCode;
  /**
   * Whether trying the same thing again later may succeed.
   * @default false
   */
  readonly retryable?: boolean;
  /**
   * The underlying error.
   * @default undefined
   */
  readonly cause?: unknown;
}

/**
 * The base class of every error `@logferry/elasticsearch-bulk` throws. Messages say what was
 * wrong, the rule, and what was received (truncated); they never contain credentials.
 *
 * @example
 * ```ts
 * try {
 *   createDocumentMapper({ indexTemplate: 'cwl-{date}' });
 * } catch (error) {
 *   if (error instanceof BulkError && error.code === 'invalid-template') console.error(error.message);
 * }
 * ```
 */
export class BulkError extends Error {
  override readonly name: string = 'BulkError';
  readonly code: BulkErrorCode;
  readonly retryable: boolean;

  constructor(message: string, options: BulkErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.retryable = options.retryable ?? false;
  }
}

/**
 * Options of a {@link BulkResponseError}.
 *
 * @example
 * ```ts
 * const options: BulkResponseErrorOptions = { code: 'invalid-json', httpStatus: 502 };
 * ```
 */
export interface BulkResponseErrorOptions {
  /** What was wrong with the response. */
  readonly code: BulkResponseErrorCode;
  /**
   * Whether re-sending the same operations may succeed.
   * @default true
   */
  readonly retryable?: boolean;
  /**
   * HTTP status named by the response body (`"status"` of an error response), when there was one.
   * @default undefined
   */
  readonly httpStatus?: number;
  /**
   * The underlying error (e.g. the `SyntaxError` of `JSON.parse`).
   * @default undefined
   */
  readonly cause?: unknown;
}

/**
 * A `_bulk` response body that cannot be mapped to one outcome per operation. Retryable by
 * default: nothing is known about which documents were stored, and re-sending `create` operations
 * with deterministic ids cannot duplicate them.
 *
 * @example
 * ```ts
 * try {
 *   parseBulkResponse('<html><body>502 Bad Gateway</body></html>', 3);
 * } catch (error) {
 *   if (error instanceof BulkResponseError && error.retryable) {
 *     // report every operation of this request as retryable
 *   }
 * }
 * ```
 */
export class BulkResponseError extends BulkError {
  override readonly name: string = 'BulkResponseError';
  declare readonly code: BulkResponseErrorCode;
  readonly httpStatus: number | undefined;

  constructor(message: string, options: BulkResponseErrorOptions) {
    super(message, {
      code: options.code,
      retryable: options.retryable ?? true,
      cause: options.cause,
    });
    this.httpStatus = options.httpStatus;
  }
}
