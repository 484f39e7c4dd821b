import { classifyS3Failure } from './classify-s3-failure';
import { createS3Client } from './create-s3-client';
import { describeKey } from './describe-key';
import { readObjectKey } from './read-object-key';
import type { S3ClientOptions } from './s3-client-options';
import { toSinkError } from './to-sink-error';

/**
 * Options of {@link deleteS3Object}.
 *
 * @example
 * ```ts
 * const options: DeleteS3ObjectOptions = { bucket: 'logs', key: 'dead-letter/kind=rejected-record/…/x.ndjson.gz' };
 * ```
 */
export interface DeleteS3ObjectOptions extends S3ClientOptions {
  /** The key of the object to delete. */
  readonly key: string;
  /**
   * Aborts the request.
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/**
 * Deletes one object (DeleteObject, signed), for example a dead-letter object once it has been
 * replayed. Deleting a key that does not exist succeeds, as it does in S3.
 *
 * @throws {SinkError} `invalid-options`, or the classified S3 failure.
 * @example
 * ```ts
 * await deleteS3Object({ bucket: 'logs', key });
 * ```
 */
export async function deleteS3Object(options: DeleteS3ObjectOptions): Promise<void> {
  const client = createS3Client(options, 's3');
  const key = readObjectKey(options.key, 's3');
  const response = await client.send({ method: 'DELETE', key }, options.signal);
  // S3 answers 204 whether or not the key existed; some compatible stores answer 404 NoSuchKey.
  if (response.status >= 200 && response.status < 300) return;
  const failure = classifyS3Failure(response, `DELETE ${describeKey(key)}`);
  if (failure.errorType === 'NoSuchKey') return;
  throw toSinkError(failure, client.sink);
}
