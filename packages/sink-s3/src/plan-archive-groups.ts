import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { RecordOutcome, SinkRecord } from '@logferry/sink';
import { describeReceived } from './describe-received';
import { encodeArchiveLine } from './encode-archive-line';
import { gzipSizeBound } from './gzip-size-bound';
import {
  maxPartitionTimestamp,
  minPartitionTimestamp,
  readUtcHour,
  type UtcHour,
} from './read-utc-hour';

const gzipAsync = promisify(gzip);

/**
 * One log event of an archive group: its encoded line and every input index that carried it (the
 * same event twice in one batch is stored once).
 *
 * @example
 * ```ts
 * const event: ArchiveGroupEvent = { eventIndex: 3, id: '3699…', line, recordIndexes: [7] };
 * ```
 */
export interface ArchiveGroupEvent {
  readonly eventIndex: number;
  readonly id: string;
  /** The archive line with its trailing `\n`, UTF-8. */
  readonly line: Buffer;
  readonly recordIndexes: number[];
}

/**
 * The events of one Kinesis record that belong to one log group and one UTC hour: the unit that
 * becomes one archive object (or several parts when it exceeds the byte limit).
 *
 * @example
 * ```ts
 * const group: ArchiveGroup = { logGroup: '/aws/lambda/x', hour, shardId: 'shardId-000000000000', sequenceNumber: '4959…', events };
 * ```
 */
export interface ArchiveGroup {
  readonly logGroup: string;
  readonly hour: UtcHour;
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Sorted by event index then id, so the group's bytes do not depend on the input order. */
  readonly events: readonly ArchiveGroupEvent[];
}

/**
 * The groups to upload, and the outcomes already decided (records that no object can hold).
 *
 * @example
 * ```ts
 * const { groups, rejected } = await planArchiveGroups(records, 8 * 1024 * 1024);
 * ```
 */
export interface ArchivePlan {
  readonly groups: readonly ArchiveGroup[];
  /** Input index → `rejected` outcome. */
  readonly rejected: ReadonlyMap<number, RecordOutcome>;
}

/**
 * Encodes every record as an archive line and groups them by (log group, UTC hour of the event's
 * timestamp, shard, sequence number), so each Kinesis record's events land in the same objects
 * whatever batch they arrive in. Records are rejected here, without a request, when no object
 * could hold them: a timestamp outside years 0000–9999, a missing Kinesis position, or a line
 * that is larger than `maxObjectBytes` even gzip-compressed alone.
 *
 * @example
 * ```ts
 * const plan = await planArchiveGroups(records, 65_536);
 * ```
 */
export async function planArchiveGroups(
  records: readonly SinkRecord[],
  maxObjectBytes: number,
): Promise<ArchivePlan> {
  const rejected = new Map<number, RecordOutcome>();
  const groups = new Map<string, { group: ArchiveGroup; byId: Map<string, ArchiveGroupEvent> }>();
  // A batch spans few hours: format each once.
  const hours = new Map<number, UtcHour>();

  for (const [index, record] of records.entries()) {
    const problem = findPositionProblem(record);
    if (problem !== undefined) {
      rejected.set(index, { status: 'rejected', reason: problem, errorType: 'invalid-record' });
      continue;
    }
    const hourNumber = Math.floor(record.timestamp / 3_600_000);
    let hour = hours.get(hourNumber);
    if (hour === undefined) {
      hour = readUtcHour(record.timestamp)!;
      hours.set(hourNumber, hour);
    }
    const { shardId, sequenceNumber, eventIndex } = record.position;
    // Length prefixes keep the key unambiguous whatever characters the strings hold.
    const groupKey = `${record.logGroup.length}:${record.logGroup}|${hourNumber}|${shardId.length}:${shardId}|${sequenceNumber}`;
    let entry = groups.get(groupKey);
    const existing = entry?.byId.get(record.id);
    if (existing !== undefined) {
      existing.recordIndexes.push(index);
      continue;
    }
    const line = Buffer.from(`${encodeArchiveLine(record)}\n`);
    if (gzipSizeBound(line.byteLength) > maxObjectBytes) {
      const compressed = await gzipLength(line);
      if (compressed > maxObjectBytes) {
        rejected.set(index, {
          status: 'rejected',
          reason: `The archive line of this event is ${line.byteLength} bytes (${compressed} gzip-compressed), above maxObjectBytes (${maxObjectBytes}): no object can hold it`,
          errorType: 'too-large',
        });
        continue;
      }
    }
    if (entry === undefined) {
      entry = {
        group: { logGroup: record.logGroup, hour, shardId, sequenceNumber, events: [] },
        byId: new Map(),
      };
      groups.set(groupKey, entry);
    }
    const event: ArchiveGroupEvent = { eventIndex, id: record.id, line, recordIndexes: [index] };
    (entry.group.events as ArchiveGroupEvent[]).push(event);
    entry.byId.set(record.id, event);
  }

  const planned = [...groups.values()].map(({ group }) => {
    (group.events as ArchiveGroupEvent[]).sort(
      (left, right) =>
        left.eventIndex - right.eventIndex ||
        (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
    );
    return group;
  });
  return { groups: planned, rejected };
}

function findPositionProblem(record: SinkRecord): string | undefined {
  if (
    typeof record.timestamp !== 'number' ||
    !(record.timestamp >= minPartitionTimestamp && record.timestamp <= maxPartitionTimestamp)
  ) {
    return `The event timestamp must be epoch milliseconds between years 0000 and 9999 (it picks the archive partition); received ${describeReceived(record.timestamp)}`;
  }
  if (typeof record.logGroup !== 'string') {
    return `The record's logGroup must be a string (it picks the archive partition); received ${describeReceived(record.logGroup)}`;
  }
  const position = record.position as Partial<SinkRecord['position']> | undefined;
  if (
    typeof position?.shardId !== 'string' ||
    position.shardId === '' ||
    typeof position.sequenceNumber !== 'string' ||
    position.sequenceNumber === '' ||
    !Number.isSafeInteger(position.eventIndex) ||
    (position.eventIndex as number) < 0
  ) {
    return `The record's position must have a non-empty shardId and sequenceNumber and a non-negative integer eventIndex (they name its archive object); received ${describeReceived(position === undefined ? undefined : JSON.stringify(position))}`;
  }
  return undefined;
}

async function gzipLength(line: Buffer): Promise<number> {
  return (await gzipAsync(line)).byteLength;
}
