import { isSinkError } from '@logferry/sink';
import { isS3ArchiveError, type S3ObjectSummary } from '@logferry/sink-s3';
import { ReplayError } from './errors';
import { recordProblem } from './record-problem';
import type { ReplayObjectContext } from './replay-object-context';
import { retryS3Call } from './retry-s3-call';

/**
 * Downloads and parses one object with sink-s3's reader (`readArchiveObject` or
 * `readDeadLetterObject`), retrying retryable S3 failures, and counts its bytes in the tally.
 * Returns `undefined`, counted in the tally, for an object deleted since it was listed
 * (`vanished`) and for one that is not gzip NDJSON (`unreadable`, recorded as a problem: reading
 * it again cannot help); both are then done with. sink-s3's readers hold one object in memory at
 * a time; objects are at most a few MiB.
 *
 * @throws {ReplayError} `source-failed` when S3 keeps failing or refuses (access denied).
 * @example
 * ```ts
 * const lines = await readSourceObject(() => readArchiveObject({ ...context.connection, key: object.key }), object, context);
 * if (lines === undefined) return 'complete';
 * ```
 */
export async function readSourceObject<Line>(
  read: () => AsyncIterable<Line>,
  object: S3ObjectSummary,
  context: ReplayObjectContext,
): Promise<readonly Line[] | undefined> {
  const { tally } = context;
  const { key } = object;
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
    tally.bytes += object.size;
    return lines;
  } catch (error) {
    if (isS3ArchiveError(error) && error.code === 'object-not-found') {
      tally.bytes += object.size;
      tally.objects.vanished += 1;
      return undefined;
    }
    if (isS3ArchiveError(error) && error.code === 'invalid-object') {
      tally.bytes += object.size;
      tally.objects.unreadable += 1;
      recordProblem(tally, { kind: 'unreadable-object', key, reason: error.message });
      return undefined;
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
