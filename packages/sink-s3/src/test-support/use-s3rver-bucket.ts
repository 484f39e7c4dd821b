import { afterEach, beforeEach } from 'vitest';
import { type RunningS3rver, s3rverCredentials, startS3rver } from './start-s3rver';
import type { DirectS3Connection } from './start-s3rver-behind-proxy';

/**
 * Starts s3rver with one bucket before each test of the calling file and stops it after each.
 * Test-only.
 *
 * @example
 * ```ts
 * const s3 = useS3rverBucket('list-test');
 * it('lists', async () => { for await (const object of listS3Objects(s3.connection)) … });
 * ```
 */
export function useS3rverBucket(bucket: string): { readonly connection: DirectS3Connection } {
  let server: RunningS3rver | undefined;
  let connection: DirectS3Connection | undefined;
  beforeEach(async () => {
    server = await startS3rver({ buckets: [bucket] });
    connection = {
      bucket,
      region: 'us-east-1',
      endpoint: server.url,
      credentials: s3rverCredentials,
    };
  });
  afterEach(async () => {
    await server?.close();
  });
  return {
    get connection() {
      if (connection === undefined) throw new Error('useS3rverBucket: no test is running');
      return connection;
    },
  };
}
