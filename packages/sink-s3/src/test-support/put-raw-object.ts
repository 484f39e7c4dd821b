import { createS3Client } from '../create-s3-client';
import { putS3Object } from '../put-s3-object';
import type { S3ClientOptions } from '../s3-client-options';

/**
 * Stores arbitrary bytes under a key (to plant malformed objects), failing the test unless S3
 * stored them.
 *
 * @example
 * ```ts
 * await putRawObject(connection, 'archive/bad.ndjson.gz', Buffer.from('not gzip'));
 * ```
 */
export async function putRawObject(
  connection: S3ClientOptions,
  key: string,
  body: Uint8Array,
): Promise<void> {
  const result = await putS3Object(createS3Client(connection, 's3'), { key, body, headers: {} });
  if (!result.stored) throw new Error(`could not store ${key}: ${result.failure.reason}`);
}
