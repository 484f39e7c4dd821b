import { createInvalidOptionError } from './create-invalid-option-error';
import { createS3Client } from './create-s3-client';
import { listS3Page, type S3ObjectSummary } from './list-s3-page';
import type { S3ClientOptions } from './s3-client-options';

/**
 * Options of {@link listS3Objects}: the bucket connection plus what to list.
 *
 * @example
 * ```ts
 * const options: ListS3ObjectsOptions = { bucket: 'logs', prefix: 'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/' };
 * ```
 */
export interface ListS3ObjectsOptions extends S3ClientOptions {
  /**
   * Only keys starting with this (an `archivePartitionPrefixes` result, say).
   * @default '' (the whole bucket)
   */
  readonly prefix?: string;
  /**
   * Only keys after this one (to resume a listing).
   * @default undefined
   */
  readonly startAfter?: string;
  /**
   * Keys per ListObjectsV2 request, 1–1000.
   * @default 1000
   */
  readonly pageSize?: number;
  /**
   * Aborts the listing (the pending request, and the iteration with a `SinkError` `aborted`).
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/**
 * Lists every object under a prefix, in key order, with ListObjectsV2 (signed), following
 * continuation tokens page by page: memory stays at one page however large the listing.
 *
 * @throws {SinkError} `invalid-options` at the first iteration for bad options; S3 failures as
 * classified `SinkError`s (`authentication`, `configuration` for `NoSuchBucket`, retryable
 * `throttled`/`server`/`network`/`timeout`, `aborted`).
 * @example
 * ```ts
 * for (const prefix of archivePartitionPrefixes({ logGroup: '/aws/lambda/checkout-api', since, until })) {
 *   for await (const object of listS3Objects({ bucket: 'logs', prefix })) {
 *     console.log(object.key, object.size);
 *   }
 * }
 * ```
 */
export async function* listS3Objects(
  options: ListS3ObjectsOptions,
): AsyncGenerator<S3ObjectSummary, void, undefined> {
  const client = createS3Client(options, 's3');
  const prefix = options.prefix ?? '';
  if (typeof prefix !== 'string') {
    throw createInvalidOptionError('s3', 'prefix', 'a string', prefix);
  }
  if (options.startAfter !== undefined && typeof options.startAfter !== 'string') {
    throw createInvalidOptionError('s3', 'startAfter', 'a string', options.startAfter);
  }
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw createInvalidOptionError('s3', 'pageSize', 'an integer from 1 to 1000', pageSize);
  }
  let continuationToken: string | undefined;
  do {
    const page = await listS3Page(
      client,
      { prefix, maxKeys: pageSize, continuationToken, startAfter: options.startAfter },
      options.signal,
    );
    yield* page.objects;
    continuationToken = page.nextContinuationToken;
  } while (continuationToken !== undefined);
}
