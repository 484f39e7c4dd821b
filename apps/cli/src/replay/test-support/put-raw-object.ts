import { createSignedFetch } from '@logferry/sigv4';
import type { LocalS3 } from './start-local-s3';
import { localS3Credentials } from './start-local-s3';

/**
 * Stores arbitrary bytes under a key of the local S3 (to plant a malformed archive object),
 * failing the test unless it was stored.
 *
 * @example
 * ```ts
 * await putRawObject(s3, 'logs', 'archive/log_group=x/dt=2024-06-01/hour=00/bad.ndjson.gz', gzipSync('not json\n'));
 * ```
 */
export async function putRawObject(
  s3: LocalS3,
  bucket: string,
  key: string,
  body: Uint8Array,
): Promise<void> {
  const signedFetch = createSignedFetch({
    region: 'us-east-1',
    service: 's3',
    credentials: { ...localS3Credentials },
  });
  const path = key.split('/').map(encodeURIComponent).join('/');
  const response = await signedFetch(`${s3.url}/${bucket}/${path}`, { method: 'PUT', body });
  if (!response.ok) {
    throw new Error(`could not store ${key}: ${response.status} ${await response.text()}`);
  }
}
