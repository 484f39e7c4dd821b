import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * A running s3rver with its buckets.
 *
 * @example
 * ```ts
 * const s3: LocalS3 = await startS3rver(['logferry']);
 * await s3.close();
 * ```
 */
export interface LocalS3 {
  /** Path-style endpoint, e.g. `http://127.0.0.1:54321`. */
  readonly endpoint: string;
  /** The only key pair s3rver accepts (it checks the key id, not the signature). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  close(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 (random port), silent, storing objects in a fresh temporary
 * directory that `close` removes. s3rver accepts any signature: it stands in for S3's behaviour,
 * not for its authentication.
 *
 * @example
 * ```ts
 * const s3 = await startS3rver(['logferry-archive']);
 * await s3.close();
 * ```
 */
export async function startS3rver(buckets: readonly string[]): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'logferry-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
