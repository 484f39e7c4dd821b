import { classifyS3Failure, type S3Failure } from './classify-s3-failure';
import type { S3Client } from './create-s3-client';
import { describeKey } from './describe-key';

/**
 * One object to write.
 *
 * @example
 * ```ts
 * const object: S3PutRequest = { key: 'archive/x.ndjson.gz', body, headers: { 'content-encoding': 'gzip' } };
 * ```
 */
export interface S3PutRequest {
  readonly key: string;
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What happened to a PUT that got an answer: stored, or a classified failure.
 *
 * @example
 * ```ts
 * if (!result.stored) console.warn(result.failure.reason);
 * ```
 */
export type S3PutResult =
  | { readonly stored: true }
  | { readonly stored: false; readonly failure: S3Failure };

/**
 * PUTs one object (PutObject, a plain overwrite: deterministic keys make a repeated write land on
 * the same object). The payload's SHA-256 goes in the signed `x-amz-content-sha256` header, and
 * S3 refuses a body that does not match it, so a stored object is exactly the bytes sent.
 *
 * @throws {SinkError} `aborted`, `timeout`, `network` when no answer came (see `S3Client.send`).
 * @example
 * ```ts
 * const result = await putS3Object(client, { key, body, headers }, signal);
 * ```
 */
export async function putS3Object(
  client: S3Client,
  request: S3PutRequest,
  signal?: AbortSignal,
): Promise<S3PutResult> {
  const response = await client.send(
    { method: 'PUT', key: request.key, headers: request.headers, body: request.body },
    signal,
  );
  if (response.status >= 200 && response.status < 300) return { stored: true };
  return {
    stored: false,
    failure: classifyS3Failure(response, `PUT ${describeKey(request.key)}`),
  };
}
