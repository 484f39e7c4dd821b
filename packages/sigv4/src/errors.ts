/**
 * Machine-readable reasons signing can fail.
 *
 * | code | meaning | retryable |
 * | --- | --- | --- |
 * | `invalid-options` | the signer (or credentials provider) was built with a bad option | no |
 * | `invalid-url` | the URL does not parse, is not http(s), or carries a user name or password | no |
 * | `invalid-request` | bad method, header name/value, signing date, or a `host` header fetch cannot send | no |
 * | `unsupported-body` | the body is not a string, `Uint8Array`/`ArrayBufferView` or `ArrayBuffer` | no |
 * | `missing-region` | no `region` option and the URL is not a recognised AWS endpoint | no |
 * | `missing-service` | no `service` option and the URL is not a recognised AWS endpoint | no |
 * | `missing-credentials` | no `credentials` option and `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` are not set | no |
 * | `credentials-provider-failed` | the credentials provider threw, or returned something that is not credentials | yes |
 * | `signing-failed` | the underlying SigV4 implementation failed unexpectedly | no |
 *
 * @example
 * ```ts
 * const code: SigningErrorCode = 'missing-region';
 * ```
 */
export type SigningErrorCode =
  | 'invalid-options'
  | 'invalid-url'
  | 'invalid-request'
  | 'unsupported-body'
  | 'missing-region'
  | 'missing-service'
  | 'missing-credentials'
  | 'credentials-provider-failed'
  | 'signing-failed';

/**
 * Options of a {@link SigningError}.
 *
 * @example
 * ```ts
 * const options: SigningErrorOptions = { code: 'credentials-provider-failed', retryable: true, cause: new Error('IMDS timed out') };
 * ```
 */
export interface SigningErrorOptions {
  readonly code: SigningErrorCode;
  /**
   * Whether trying again later may succeed (a credentials provider that timed out may answer next
   * time; a missing region will still be missing).
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
 * Every failure of `@logferry/sigv4`. Messages say what was wrong, the rule, and what was
 * received; they never contain a secret access key or session token.
 *
 * @example
 * ```ts
 * try {
 *   await signer.sign({ method: 'GET', url: 'https://logs.example.com/' });
 * } catch (error) {
 *   if (error instanceof SigningError && error.code === 'missing-region') {
 *     // a custom endpoint: construct the signer with { region, service }
 *   }
 *   throw error;
 * }
 * ```
 */
export class SigningError extends Error {
  override readonly name = 'SigningError';
  readonly code: SigningErrorCode;
  readonly retryable: boolean;

  constructor(message: string, options: SigningErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.retryable = options.retryable ?? false;
  }
}

/**
 * Tells whether a value is a {@link SigningError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isSigningError(error) && error.retryable) await retryLater();
 * ```
 */
export function isSigningError(value: unknown): value is SigningError {
  return (
    value instanceof SigningError ||
    (value instanceof Error &&
      value.name === 'SigningError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      typeof (value as { retryable?: unknown }).retryable === 'boolean')
  );
}
