import type { DeadLetterEntry, SinkRecord } from '@logferry/sink';
import { listS3Objects, readArchiveObject, readDeadLetterObject } from '@logferry/sink-s3';
import type { LocalS3 } from './start-s3rver';

/**
 * Everything under the archive and dead-letter prefixes of a local bucket.
 *
 * @example
 * ```ts
 * const { archived }: LocalBucketContents = await readLocalBucket(s3, 'logferry', prefixes);
 * ```
 */
export interface LocalBucketContents {
  readonly archiveKeys: readonly string[];
  readonly archived: readonly SinkRecord[];
  readonly deadLetterKeys: readonly string[];
  readonly deadLetters: readonly DeadLetterEntry[];
}

/**
 * Reads back what the archive sink and the dead-letter store wrote to s3rver, with the readers
 * of `@logferry/sink-s3` (the same ones `logferry replay` uses). Malformed lines throw: nothing
 * the Lambda writes may be unreadable.
 *
 * @example
 * ```ts
 * const { archived, deadLetters } = await readLocalBucket(s3, 'logferry', { archive: 'archive', deadLetter: 'dead-letter' });
 * ```
 */
export async function readLocalBucket(
  s3: LocalS3,
  bucket: string,
  prefixes: { readonly archive: string; readonly deadLetter: string },
): Promise<LocalBucketContents> {
  const client = {
    bucket,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: s3.credentials,
  };
  const archiveKeys: string[] = [];
  const archived: SinkRecord[] = [];
  for await (const object of listS3Objects({ ...client, prefix: `${prefixes.archive}/` })) {
    archiveKeys.push(object.key);
    for await (const line of readArchiveObject({ ...client, key: object.key })) {
      if (!line.ok) throw line.error;
      archived.push(line.record);
    }
  }
  const deadLetterKeys: string[] = [];
  const deadLetters: DeadLetterEntry[] = [];
  for await (const object of listS3Objects({ ...client, prefix: `${prefixes.deadLetter}/` })) {
    deadLetterKeys.push(object.key);
    for await (const line of readDeadLetterObject({ ...client, key: object.key })) {
      if (!line.ok) throw line.error;
      deadLetters.push(line.entry);
    }
  }
  return { archiveKeys, archived, deadLetterKeys, deadLetters };
}
