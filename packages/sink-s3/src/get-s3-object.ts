import { classifyS3Failure } from './classify-s3-failure';
import type { S3Client } from './create-s3-client';
import { describeKey } from './describe-key';
import { describeReceived } from './describe-received';
import { S3ArchiveError } from './errors';
import { toSinkError } from './to-sink-error';

/**
 * GETs one object's bytes, as the response carries them (`fetch` may already have undone a
 * `content-encoding: gzip`).
 *
 * @throws {S3ArchiveError} `object-not-found` for S3's `NoSuchKey`.
 * @throws {SinkError} for every other failure, classified like a PUT (see `classifyS3Failure`).
 * @example
 * ```ts
 * const bytes = await getS3Object(client, 'archive/x.ndjson.gz', signal);
 * ```
 */
export async function getS3Object(
  client: S3Client,
  key: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const response = await client.send({ method: 'GET', key }, signal);
  if (response.status >= 200 && response.status < 300) return response.body;
  const failure = classifyS3Failure(response, `GET ${describeKey(key)}`);
  if (failure.errorType === 'NoSuchKey') {
    throw new S3ArchiveError(
      `The object ${describeKey(key)} does not exist in bucket ${describeReceived(client.bucket)} (S3 answered 404 NoSuchKey); it may have been deleted after it was listed.`,
      { code: 'object-not-found', key },
    );
  }
  throw toSinkError(failure, client.sink);
}
