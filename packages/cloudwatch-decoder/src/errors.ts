/**
 * Machine-readable reasons a payload could not be decoded.
 *
 * | code | meaning |
 * | --- | --- |
 * | `invalid-options` | a {@link DecodeOptions} field is out of range or names an unavailable inflater |
 * | `invalid-input` | the argument has the wrong JavaScript type or the event/record lacks its `data` string |
 * | `invalid-base64` | the text is not padded standard base64 (RFC 4648 §4) |
 * | `invalid-gzip` | the bytes are not one or more complete gzip members (bad header, corrupt or truncated deflate data, CRC/length mismatch, trailing bytes) |
 * | `too-large` | inflating would exceed `maxDecompressedBytes`; inflating stopped at the cap |
 * | `invalid-json` | the inflated bytes are not UTF-8 JSON |
 * | `invalid-shape` | the JSON is not a CloudWatch Logs subscription message (a required field is missing or has the wrong type) |
 *
 * @example
 * ```ts
 * const code: DecodeErrorCode = 'too-large';
 * ```
 */
export type DecodeErrorCode =
  | 'invalid-options'
  | 'invalid-input'
  | 'invalid-base64'
  | 'invalid-gzip'
  | 'too-large'
  | 'invalid-json'
  | 'invalid-shape';

/**
 * Options of a {@link DecodeError}.
 *
 * @example
 * ```ts
 * const options: DecodeErrorOptions = { code: 'invalid-gzip', cause: zlibError };
 * ```
 */
export interface DecodeErrorOptions {
  /** What kind of input was rejected. */
  readonly code: DecodeErrorCode;
  /** The underlying error (a zlib or `JSON.parse` error), when there was one. */
  readonly cause?: unknown;
}

/**
 * The only error the decoder throws. The message says what was wrong, the rule, and what was
 * received (truncated: at most the first bytes in hex or the first 64 characters).
 *
 * Decoding is deterministic, so `retryable` is always `false`: the same bytes fail the same way
 * every time, and the caller should dead-letter them rather than retry.
 *
 * @example
 * ```ts
 * try {
 *   decodeSubscriptionMessage(data);
 * } catch (error) {
 *   if (error instanceof DecodeError && error.code === 'too-large') {
 *     // keep the record in the dead-letter store instead of retrying it
 *   }
 *   throw error;
 * }
 * ```
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly code: DecodeErrorCode;
  /** Always `false`: decoding the same input again fails the same way. */
  readonly retryable = false;

  constructor(message: string, options: DecodeErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
  }
}

/**
 * Tells whether a value is a {@link DecodeError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isDecodeError(error)) deadLetter({ reason: error.message, errorType: error.code });
 * ```
 */
export function isDecodeError(value: unknown): value is DecodeError {
  return (
    value instanceof DecodeError ||
    (value instanceof Error &&
      value.name === 'DecodeError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
