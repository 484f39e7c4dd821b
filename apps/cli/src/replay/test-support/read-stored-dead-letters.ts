import type { DeadLetterEntry } from '@logferry/sink';
import { listS3Objects, readDeadLetterObject, type S3ClientOptions } from '@logferry/sink-s3';

/**
 * Every dead-letter object under a prefix with its entries, in key order; fails the test on a
 * malformed line.
 *
 * @example
 * ```ts
 * const stored = await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/');
 * ```
 */
export async function readStoredDeadLetters(
  connection: S3ClientOptions,
  prefix: string,
): Promise<{ readonly key: string; readonly entries: DeadLetterEntry[] }[]> {
  const objects: { key: string; entries: DeadLetterEntry[] }[] = [];
  for await (const object of listS3Objects({ ...connection, prefix })) {
    const entries: DeadLetterEntry[] = [];
    for await (const line of readDeadLetterObject({ ...connection, key: object.key })) {
      if (!line.ok) throw line.error;
      entries.push(line.entry);
    }
    objects.push({ key: object.key, entries });
  }
  return objects;
}
