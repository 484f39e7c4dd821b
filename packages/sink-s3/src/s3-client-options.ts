import type { CredentialsSource } from '@logferry/sigv4';

/**
 * Where and how to reach a bucket: shared by `createS3Sink`, `createS3DeadLetterStore` and the
 * readers (`listS3Objects`, `readArchiveObject`, …).
 *
 * @example
 * ```ts
 * const local: S3ClientOptions = {
 *   bucket: 'logs',
 *   endpoint: 'http://127.0.0.1:4568', // s3rver or MinIO
 *   region: 'us-east-1',
 *   credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
 * };
 * ```
 */
export interface S3ClientOptions {
  /** The bucket name. */
  readonly bucket: string;
  /**
   * The signing region.
   * @default inferred from `endpoint` when it is an AWS S3 host, else `process.env.AWS_REGION`, else `process.env.AWS_DEFAULT_REGION` (read at construction)
   */
  readonly region?: string;
  /**
   * The S3 endpoint: an S3-compatible store (`http://127.0.0.1:9000` for MinIO), a VPC interface
   * endpoint, or a FIPS/dual-stack AWS endpoint. Origin only (no path or query).
   * @default `https://s3.{region}.amazonaws.com` (`.amazonaws.com.cn` in China regions)
   */
  readonly endpoint?: string;
  /**
   * Address the bucket in the path (`https://host/bucket/key`) instead of the host name
   * (`https://bucket.host/key`). Needed for most S3-compatible stores.
   * @default true when `endpoint` is an IP address or `localhost`, or the bucket name is not usable as a host name over HTTPS (dots, upper case, underscores); false otherwise
   */
  readonly forcePathStyle?: boolean;
  /**
   * Static credentials, an AWS SDK provider such as `fromNodeProviderChain()`, or a
   * `createCredentialsProvider()` from `@logferry/sigv4` shared with other signers.
   * @default `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` from the environment, read at each request (as Lambda sets them)
   */
  readonly credentials?: CredentialsSource;
  /**
   * Time limit of each request, from signing to the last byte of the response, in milliseconds.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * The `fetch` implementation requests go through (tests and proxies).
   * @default globalThis.fetch, looked up at each request
   */
  readonly fetch?: typeof fetch;
}
