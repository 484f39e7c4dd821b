import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3ClientOptions } from '@logferry/sink-s3';
import S3rver from 's3rver';

/**
 * Credentials s3rver accepts (it checks the access key id and the shape of the SigV4 header, not
 * the signature). The secret is made up, so output can be searched for it.
 *
 * @example
 * ```ts
 * const environment = { AWS_ACCESS_KEY_ID: localS3Credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: localS3Credentials.secretAccessKey };
 * ```
 */
export const localS3Credentials = {
  accessKeyId: 'S3RVER',
  secretAccessKey: 'replay-test-Secret/9f2a+not-real',
} as const;

/**
 * A running s3rver with its buckets: the URL, a connection for sink-s3, and the environment a
 * `logferry replay` run needs to reach it.
 *
 * @example
 * ```ts
 * const s3 = await startLocalS3(['logs']);
 * try { … } finally { await s3.close(); }
 * ```
 */
export interface LocalS3 {
  readonly url: string;
  /** sink-s3 options for a bucket of this server. */
  connection(bucket: string): S3ClientOptions;
  /** AWS_* variables pointing `logferry replay` at this server. */
  readonly environment: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * Starts s3rver (a real S3 API on the file system) on 127.0.0.1, port 0, in a fresh temporary
 * directory, with the given buckets.
 *
 * @example
 * ```ts
 * const s3 = await startLocalS3(['logs']);
 * ```
 */
export async function startLocalS3(buckets: readonly string[]): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'logferry-replay-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    connection: (bucket) => ({
      bucket,
      endpoint: url,
      region: 'us-east-1',
      credentials: { ...localS3Credentials },
    }),
    environment: {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: localS3Credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localS3Credentials.secretAccessKey,
      LOGFERRY_S3_ENDPOINT: url,
    },
    close: async () => {
      try {
        await server.close();
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}
