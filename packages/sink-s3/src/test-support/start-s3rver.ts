import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * A running s3rver (a real S3 API implementation on the file system) for tests.
 *
 * @example
 * ```ts
 * const s3 = await startS3rver({ buckets: ['archive'] });
 * try { … } finally { await s3.close(); }
 * ```
 */
export interface RunningS3rver {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Stops the server and deletes its data directory. */
  close(): Promise<void>;
}

/**
 * Static credentials s3rver accepts. s3rver checks the access key id (`S3RVER`) and the shape of a
 * SigV4 `Authorization` header, including `x-amz-content-sha256`, but not the signature itself:
 * these tests prove S3 behaviour (keys, bodies, listings, error bodies); the AWS test vectors in
 * `@logferry/sigv4` prove signing. The secret and token are made up, so a leak test can look for
 * them.
 *
 * @example
 * ```ts
 * createS3Sink({ bucket, endpoint: s3.url, region: 'us-east-1', credentials: s3rverCredentials });
 * ```
 */
export const s3rverCredentials = {
  accessKeyId: 'S3RVER',
  secretAccessKey: 'test-secret-Key/3fA9+not-real',
  sessionToken: 'test-session-token-5b7c1d9e',
} as const;

/**
 * Starts s3rver on 127.0.0.1, port 0, with a fresh temporary directory and the given buckets.
 *
 * @example
 * ```ts
 * const s3 = await startS3rver({ buckets: ['archive'] });
 * ```
 */
export async function startS3rver(options: { buckets: readonly string[] }): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 'logferry-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  let address: Awaited<ReturnType<S3rver['run']>>;
  try {
    address = await server.run();
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      try {
        await server.close();
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}
