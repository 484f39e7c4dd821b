import { SinkError, type SinkErrorCode } from '@logferry/sink';

/**
 * The sink's `name`, also set as `sink` on every error it throws.
 *
 * @example
 * ```ts
 * if (isSinkError(error) && error.sink === SINK_NAME) alarm('elasticsearch');
 * ```
 */
export const SINK_NAME = 'elasticsearch';

/**
 * What {@link createSinkError} needs besides the message.
 *
 * @example
 * ```ts
 * const options: ElasticsearchSinkErrorOptions = { code: 'authentication', retryable: false, httpStatus: 403 };
 * ```
 */
export interface ElasticsearchSinkErrorOptions {
  readonly code: SinkErrorCode;
  readonly retryable: boolean;
  /**
   * HTTP status of the response that failed, when there was one.
   * @default undefined
   */
  readonly httpStatus?: number;
  /**
   * The underlying error (a `BulkError`, a `SigningError`, a `fetch` failure).
   * @default undefined
   */
  readonly cause?: unknown;
}

/**
 * Creates the error this package throws. It is the shared `SinkError` of `@logferry/sink` rather
 * than a subclass: the delivery loop branches on `SinkError`'s `code` and `retryable` (and
 * recognises it across package copies by its `name`), so a sink-specific class would add nothing
 * callers could use. Every error names this sink in `sink`.
 *
 * @example
 * ```ts
 * throw createSinkError('Option timeoutMs must be an integer from 1 to 900000; received "30s"', {
 *   code: 'invalid-options',
 *   retryable: false,
 * });
 * ```
 */
export function createSinkError(
  message: string,
  options: ElasticsearchSinkErrorOptions,
): SinkError {
  return new SinkError(message, {
    code: options.code,
    retryable: options.retryable,
    sink: SINK_NAME,
    ...(options.httpStatus === undefined ? {} : { httpStatus: options.httpStatus }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}
