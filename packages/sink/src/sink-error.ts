/**
 * Machine-readable reasons a whole {@link Sink.send} call can fail.
 *
 * | code | meaning | retryable |
 * | --- | --- | --- |
 * | `invalid-options` | the sink was constructed with a bad option | no |
 * | `configuration` | the destination says the configuration is wrong (404 index template, bad URL) | no |
 * | `authentication` | 401/403: credentials missing, expired or not allowed | no |
 * | `aborted` | the caller's `AbortSignal` fired | yes |
 * | `network` | connection refused/reset before any response | yes |
 * | `timeout` | no response within the sink's timeout | yes |
 * | `throttled` | 429 for the whole request | yes |
 * | `server` | 5xx for the whole request | yes |
 * | `invalid-response` | a response the sink could not interpret | yes |
 */
export type SinkErrorCode =
  | 'invalid-options'
  | 'configuration'
  | 'authentication'
  | 'aborted'
  | 'network'
  | 'timeout'
  | 'throttled'
  | 'server'
  | 'invalid-response';

/**
 * Options of a {@link SinkError}.
 *
 * @example
 * ```ts
 * const options: SinkErrorOptions = { code: 'authentication', retryable: false, sink: 'elasticsearch', httpStatus: 403 };
 * ```
 */
export interface SinkErrorOptions {
  readonly code: SinkErrorCode;
  /** Whether trying the same call again later may succeed. */
  readonly retryable: boolean;
  /** The name of the sink that failed. */
  readonly sink?: string;
  /** HTTP status of the failed response, when there was one. */
  readonly httpStatus?: number;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * A whole-call failure of a sink. Messages say what failed and what was received, and never
 * contain credentials.
 *
 * @example
 * ```ts
 * try {
 *   await sink.send(records);
 * } catch (error) {
 *   if (error instanceof SinkError && !error.retryable) {
 *     // configuration or authentication: hand the batch back to Kinesis, do not dead-letter
 *   }
 *   throw error;
 * }
 * ```
 */
export class SinkError extends Error {
  override readonly name = 'SinkError';
  readonly code: SinkErrorCode;
  readonly retryable: boolean;
  readonly sink: string | undefined;
  readonly httpStatus: number | undefined;

  constructor(message: string, options: SinkErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.retryable = options.retryable;
    this.sink = options.sink;
    this.httpStatus = options.httpStatus;
  }
}

/**
 * Tells whether a value is a {@link SinkError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isSinkError(error) && error.code === 'authentication') process.exitCode = 1;
 * ```
 */
export function isSinkError(value: unknown): value is SinkError {
  return (
    value instanceof SinkError ||
    (value instanceof Error &&
      value.name === 'SinkError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      typeof (value as { retryable?: unknown }).retryable === 'boolean')
  );
}
