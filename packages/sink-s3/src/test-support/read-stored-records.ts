import type { SinkRecord } from '@logferry/sink';
import { listS3Objects } from '../list-s3-objects';
import { readArchiveObject } from '../read-archive-object';
import type { S3ClientOptions } from '../s3-client-options';

/**
 * Everything an archive bucket holds: every object's key and the records read back from it, in
 * key order. Fails the test on a malformed line (the sink only writes valid ones).
 *
 * @example
 * ```ts
 * const stored = await readStoredRecords(connection, 'archive/');
 * ```
 */
export async function readStoredRecords(
  connection: S3ClientOptions,
  prefix = '',
): Promise<{ keys: string[]; records: SinkRecord[]; byKey: Map<string, SinkRecord[]> }> {
  const keys: string[] = [];
  const records: SinkRecord[] = [];
  const byKey = new Map<string, SinkRecord[]>();
  for await (const object of listS3Objects({ ...connection, prefix })) {
    keys.push(object.key);
    const objectRecords: SinkRecord[] = [];
    for await (const line of readArchiveObject({ ...connection, key: object.key })) {
      if (!line.ok) throw line.error;
      objectRecords.push(line.record);
    }
    byKey.set(object.key, objectRecords);
    records.push(...objectRecords);
  }
  return { keys, records, byKey };
}
