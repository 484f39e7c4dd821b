import { isSinkError } from '@logferry/sink';
import { isS3ArchiveError } from '@logferry/sink-s3';
import { ReplayError } from './errors';
import type { ReplayObjectContext } from './replay-object-context';
import { retryS3Call } from './retry-s3-call';

/**
 * What reading one object gave: its lines, or why there are none.
 *
 * @example
 * ```ts
 * if (result.status === 'read') for (const line of result.lines) …;
 * ```
 */
export type SourceObjectRead<Line> =
  | { readonly status: 'read'; readonly lines: readonly Line[] }
  | { readonly status: 'vanished' }
  | { readonly status: 'unreadable'; readonly reason: string };

/**
 * Downloads and parses one object with sink-s3's reader (`readArchiveObject` or
 * `readDeadLetterObject`), retrying retryable S3 failures. An object deleted since it was listed
 * is `vanished`; one that is not gzip NDJSON is `unreadable` (reading it again cannot help).
 * sink-s3's readers hold one object in memory at a time; objects are at most a few MiB.
 *
 * @throws {ReplayError} `source-failed` when S3 keeps failing or refuses (access denied).
 * @example
 * ```ts
 * const read = await readSourceObject(() => readArchiveObject({ ...context.connection, key }), key, context);
 * ```
 */
export async function readSourceObject<Line>(
  read: () => AsyncIterable<Line>,
  key: string,
  context: ReplayObjectContext,
): Promise<SourceObjectRead<Line>> {
  try {
    const lines = await retryS3Call(
      async () => {
        const collected: Line[] = [];
        for await (const line of read()) collected.push(line);
        return collected;
      },
      context.policy,
      context.policy.maxAttempts,
      context.stop,
    );
    return { status: 'read', lines };
  } catch (error) {
    if (isS3ArchiveError(error) && error.code === 'object-not-found') return { status: 'vanished' };
    if (isS3ArchiveError(error) && error.code === 'invalid-object') {
      return { status: 'unreadable', reason: error.message };
    }
    if (isSinkError(error)) {
      throw new ReplayError(
        `Cannot read s3://${context.connection.bucket}/${key}: ${error.message}`,
        { code: 'source-failed', retryable: error.retryable, cause: error },
      );
    }
    throw error;
  }
}
