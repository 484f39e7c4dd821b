/**
 * Where a bucket lives: the endpoint origin and the addressing style.
 *
 * @example
 * ```ts
 * const location: S3BucketLocation = { endpoint: new URL('https://s3.eu-west-1.amazonaws.com'), bucket: 'logs', pathStyle: false };
 * ```
 */
export interface S3BucketLocation {
  readonly endpoint: URL;
  readonly bucket: string;
  /** `true`: `https://host/bucket/key`; `false`: `https://bucket.host/key`. */
  readonly pathStyle: boolean;
}

/**
 * Builds the URL of a bucket (no `key`) or an object, encoding each key segment with
 * `encodeURIComponent` (the signer then re-encodes the path strictly, exactly once, as S3 signs
 * it). Query parameters are written in the given order.
 *
 * @example
 * ```ts
 * buildS3Url(location, 'archive/log_group=%2Ffoo/x.ndjson.gz');
 * // → 'https://logs.s3.eu-west-1.amazonaws.com/archive/log_group=%252Ffoo/x.ndjson.gz'
 * buildS3Url(location, undefined, { 'list-type': '2', prefix: 'archive/' });
 * // → 'https://logs.s3.eu-west-1.amazonaws.com/?list-type=2&prefix=archive%2F'
 * ```
 */
export function buildS3Url(
  location: S3BucketLocation,
  key?: string,
  query?: Readonly<Record<string, string>>,
): string {
  const { endpoint, bucket, pathStyle } = location;
  const origin = pathStyle
    ? `${endpoint.protocol}//${endpoint.host}/${encodeURIComponent(bucket)}`
    : `${endpoint.protocol}//${bucket}.${endpoint.host}`;
  const path =
    key === undefined
      ? pathStyle
        ? ''
        : '/'
      : `/${key.split('/').map(encodeURIComponent).join('/')}`;
  const search =
    query === undefined || Object.keys(query).length === 0
      ? ''
      : `?${new URLSearchParams(query).toString()}`;
  return `${origin}${path}${search}`;
}
