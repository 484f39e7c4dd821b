/**
 * Machine-readable reasons an archive key, template or stored object is not usable.
 *
 * | code | meaning |
 * | --- | --- |
 * | `invalid-options` | a key template, partition filter or line encoder got a bad argument |
 * | `object-not-found` | the object to read does not exist (S3 `NoSuchKey`) |
 * | `invalid-object` | the object is not gzip NDJSON (bad gzip stream, not UTF-8) |
 * | `malformed-line` | one line of an object is not a valid archive or dead-letter line |
 *
 * None of them is retryable: reading the same bytes again gives the same answer. Failures to
 * reach S3 are `SinkError`s instead (see the README's errors table).
 *
 * @example
 * ```ts
 * const code: S3ArchiveErrorCode = 'malformed-line';
 * ```
 */
export type S3ArchiveErrorCode =
  | 'invalid-options'
  | 'object-not-found'
  | 'invalid-object'
  | 'malformed-line';

/**
 * Options of an {@link S3ArchiveError}.
 *
 * @example
 * ```ts
 * const options: S3ArchiveErrorOptions = { code: 'malformed-line', key: 'archive/x.ndjson.gz', lineNumber: 3 };
 * ```
 */
export interface S3ArchiveErrorOptions {
  readonly code: S3ArchiveErrorCode;
  /**
   * The object key the error is about.
   * @default undefined
   */
  readonly key?: string;
  /**
   * The 1-based line number inside the object, for `malformed-line`.
   * @default undefined
   */
  readonly lineNumber?: number;
  /**
   * The underlying error.
   * @default undefined
   */
  readonly cause?: unknown;
}

/**
 * The base error of `@logferry/sink-s3` for keys and stored data: bad key templates and partition
 * filters, missing or corrupt objects, malformed lines. Messages say what was wrong, the rule, and
 * what was received (truncated). Never retryable.
 *
 * @example
 * ```ts
 * for await (const line of readArchiveObject({ bucket, key })) {
 *   if (!line.ok) console.warn(`${line.error.key}:${line.error.lineNumber} ${line.error.message}`);
 * }
 * ```
 */
export class S3ArchiveError extends Error {
  override readonly name = 'S3ArchiveError';
  readonly code: S3ArchiveErrorCode;
  /** Always `false`: the same bytes or arguments fail the same way again. */
  readonly retryable = false;
  readonly key: string | undefined;
  readonly lineNumber: number | undefined;

  constructor(message: string, options: S3ArchiveErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.key = options.key;
    this.lineNumber = options.lineNumber;
  }
}

/**
 * Tells whether a value is an {@link S3ArchiveError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isS3ArchiveError(error) && error.code === 'object-not-found') continue;
 * ```
 */
export function isS3ArchiveError(value: unknown): value is S3ArchiveError {
  return (
    value instanceof S3ArchiveError ||
    (value instanceof Error &&
      value.name === 'S3ArchiveError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
