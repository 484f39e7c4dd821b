import { describeReceived } from './describe-received';
import { ReplayError } from './errors';

/**
 * A bucket and a key prefix, as `s3://bucket/prefix` names them.
 *
 * @example
 * ```ts
 * const location: S3Location = { bucket: 'acme-logs', prefix: 'archive' };
 * ```
 */
export interface S3Location {
  readonly bucket: string;
  /**
   * The key prefix as written, without leading `/` (a trailing `/` is kept: `s3://b/a/` lists
   * `a/…`, `s3://b/a` also `ab…`); `''` for the whole bucket.
   */
  readonly prefix: string;
}

/**
 * Parses `s3://bucket[/prefix]`. The prefix is kept as written (S3 keys are case-sensitive and
 * may contain `%`), minus leading slashes.
 *
 * @throws {ReplayError} `invalid-arguments` when the value is not an `s3://` URL with a bucket.
 * @example
 * ```ts
 * parseS3Url('s3://acme-logs/archive/', '--from'); // { bucket: 'acme-logs', prefix: 'archive/' }
 * ```
 */
export function parseS3Url(value: string, optionName: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(value);
  const bucket = match?.[1];
  if (match === null || bucket === undefined || !/^[A-Za-z0-9._-]{3,255}$/.test(bucket)) {
    throw new ReplayError(
      `${optionName} must be an S3 location such as s3://my-bucket/archive (s3:// then a bucket name, then an optional key prefix); received ${describeReceived(value)}`,
      { code: 'invalid-arguments' },
    );
  }
  const prefix = (match[2] ?? '').replace(/^\/+/, '');
  if (prefix.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new ReplayError(
      `${optionName} must not contain "." or ".." path segments; received ${describeReceived(value)}`,
      { code: 'invalid-arguments' },
    );
  }
  return { bucket, prefix };
}
