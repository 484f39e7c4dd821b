import { createHash } from 'node:crypto';
import type { DeadLetterEntry } from '@logferry/sink';
import { compareSequenceNumbers } from './compare-sequence-numbers';
import { deadLetterKeyTemplate } from './dead-letter-key-template';
import { describeReceived } from './describe-received';
import { encodeDeadLetterLine } from './encode-dead-letter-line';
import { encodeKeySegment } from './encode-key-segment';
import { packGzipParts } from './pack-gzip-parts';
import { readUtcHour, type UtcHour } from './read-utc-hour';

/**
 * One dead-letter object to PUT.
 *
 * @example
 * ```ts
 * const object: DeadLetterObject = { key: 'dead-letter/kind=undecodable-record/…', body, entries: 3 };
 * ```
 */
export interface DeadLetterObject {
  readonly key: string;
  readonly body: Buffer;
  /** Entries in the object. */
  readonly entries: number;
}

interface PlannedEntry {
  readonly identity: string;
  readonly sequenceNumber: string;
  readonly eventIndex: number;
  readonly line: Buffer;
}

/**
 * Groups entries by kind, UTC hour of `failedAt`, source (the rejecting sink, or `decoder` for
 * undecodable records) and shard; sorts each group by sequence number, drops repeated entries (same
 * record and sink, or same Kinesis record), and packs it into gzip NDJSON objects of at most
 * `maxObjectBytes` (an entry larger than that alone still gets its own object: dead letters are
 * never dropped). Keys end in a digest of the entries' identities — not of times or reasons — so
 * writing the same entries again overwrites the same objects.
 *
 * @returns the objects, or a description of the first invalid entry.
 * @example
 * ```ts
 * const objects = await planDeadLetterObjects(entries, 'dead-letter', 8 * 1024 * 1024);
 * ```
 */
export async function planDeadLetterObjects(
  entries: readonly DeadLetterEntry[],
  prefix: string,
  maxObjectBytes: number,
): Promise<DeadLetterObject[] | string> {
  const groups = new Map<
    string,
    {
      kind: string;
      hour: UtcHour;
      source: string;
      shardId: string;
      entries: Map<string, PlannedEntry>;
    }
  >();
  for (const [index, entry] of entries.entries()) {
    const problem = findEntryProblem(entry);
    if (problem !== undefined) return `entry ${index} ${problem}`;
    const hour = readUtcHour(Date.parse(entry.failedAt))!;
    const isRejected = entry.kind === 'rejected-record';
    const source = isRejected ? entry.sink : 'decoder';
    const shardId = isRejected ? entry.record.position.shardId : entry.shardId;
    const groupKey = JSON.stringify([entry.kind, hour, source, shardId]);
    let group = groups.get(groupKey);
    if (group === undefined) {
      group = { kind: entry.kind, hour, source, shardId, entries: new Map() };
      groups.set(groupKey, group);
    }
    const identity = isRejected
      ? `${entry.kind}\n${entry.sink}\n${entry.record.id}`
      : `${entry.kind}\n${entry.shardId}\n${entry.sequenceNumber}`;
    if (group.entries.has(identity)) continue;
    group.entries.set(identity, {
      identity,
      sequenceNumber: isRejected ? entry.record.position.sequenceNumber : entry.sequenceNumber,
      eventIndex: isRejected ? entry.record.position.eventIndex : 0,
      line: Buffer.from(`${encodeDeadLetterLine(entry)}\n`),
    });
  }

  const objects: DeadLetterObject[] = [];
  for (const group of groups.values()) {
    const sorted = [...group.entries.values()].sort(
      (left, right) =>
        compareSequenceNumbers(left.sequenceNumber, right.sequenceNumber) ||
        left.eventIndex - right.eventIndex ||
        (left.identity < right.identity ? -1 : left.identity > right.identity ? 1 : 0),
    );
    const parts = await packGzipParts(
      sorted.map((entry) => entry.line),
      maxObjectBytes,
    );
    for (const part of parts) {
      const members = sorted.slice(part.start, part.end);
      const digest = createHash('sha256')
        .update(members.map((member) => member.identity).join('\n'))
        .digest('hex')
        .slice(0, 16);
      objects.push({
        key: deadLetterKeyTemplate.render({
          prefix,
          kind: group.kind,
          ...group.hour,
          source: encodeKeySegment(group.source),
          shardId: encodeKeySegment(group.shardId),
          sequenceNumber: encodeKeySegment(members[0]!.sequenceNumber),
          digest,
        }),
        body: part.body,
        entries: members.length,
      });
    }
  }
  return objects;
}

function findEntryProblem(entry: DeadLetterEntry): string | undefined {
  if (typeof entry !== 'object' || entry === null) {
    return `must be a dead-letter entry object; received ${describeReceived(entry)}`;
  }
  if (entry.kind !== 'rejected-record' && entry.kind !== 'undecodable-record') {
    return `has kind ${describeReceived((entry as { kind?: unknown }).kind)}; it must be 'rejected-record' or 'undecodable-record'`;
  }
  if (typeof entry.failedAt !== 'string' || readUtcHour(Date.parse(entry.failedAt)) === undefined) {
    return `needs failedAt as an ISO-8601 time (it picks the dt=/hour= partition); received ${describeReceived(entry.failedAt)}`;
  }
  if (typeof entry.reason !== 'string') {
    return `needs a string reason; received ${describeReceived(entry.reason)}`;
  }
  if (entry.kind === 'rejected-record') {
    const position = entry.record?.position as Partial<typeof entry.record.position> | undefined;
    if (typeof entry.sink !== 'string' || entry.sink === '') {
      return `needs the name of the sink that rejected it; received ${describeReceived(entry.sink)}`;
    }
    if (
      typeof entry.record?.id !== 'string' ||
      typeof position?.shardId !== 'string' ||
      typeof position.sequenceNumber !== 'string' ||
      !Number.isSafeInteger(position.eventIndex)
    ) {
      return 'needs a record with an id and a Kinesis position (shardId, sequenceNumber, eventIndex)';
    }
    return undefined;
  }
  if (
    typeof entry.shardId !== 'string' ||
    typeof entry.sequenceNumber !== 'string' ||
    typeof entry.data !== 'string' ||
    typeof entry.errorType !== 'string'
  ) {
    return 'needs shardId, sequenceNumber, data (base64) and errorType strings';
  }
  return undefined;
}
