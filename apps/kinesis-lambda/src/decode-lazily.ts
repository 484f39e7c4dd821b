import type { SinkRecord, UndecodableRecordEntry } from '@logferry/sink';
import type { KinesisStreamEvent } from 'aws-lambda';
import {
  type DecodeBatchOptions,
  type DecodedBatch,
  decodeRecordRange,
  readKinesisRecords,
} from './decode-batch';
import { KinesisLambdaError } from './errors';

/**
 * A Kinesis batch decoded on demand, record by record, so it is never held whole. Iterating it
 * yields the log events as {@link SinkRecord}s (once); everything else — counts, undecodable
 * records, the Kinesis record of each event — is kept as it is reached, and `finish()` reaches
 * the rest. Events are numbered in batch order, as {@link decodeBatch} numbers its `records`.
 *
 * @example
 * ```ts
 * const batch = decodeLazily(event, { decode });
 * const result = await sink.sendSequence(batch);
 * const summary = batch.finish();
 * const retry = batch.decodeEvents([3, 17]); // decoded again, for a retry
 * ```
 */
export interface LazyDecodedBatch extends Iterable<SinkRecord> {
  /** Events yielded so far by the iteration. */
  readonly taken: number;
  /**
   * Decodes the records the iteration did not reach (keeping only their counts and undecodable
   * entries) and returns the batch without its events. Idempotent.
   */
  finish(): LazyBatchSummary;
  /**
   * The events at these batch positions, decoded again from their Kinesis records: a sparse
   * array, `events` long, holding only the positions asked for. Call after `finish()`.
   */
  decodeEvents(positions: readonly number[]): SinkRecord[];
}

/**
 * What {@link LazyDecodedBatch.finish} returns: a {@link DecodedBatch} without its events.
 *
 * @example
 * ```ts
 * const { events, undecodable }: LazyBatchSummary = batch.finish();
 * ```
 */
export interface LazyBatchSummary extends Omit<DecodedBatch, 'records'> {
  /** Log events in the batch (after skipping control messages and the own log group). */
  readonly events: number;
}

/**
 * Decodes a Kinesis batch on demand (see {@link LazyDecodedBatch}). The event's shape is checked
 * at once, so a malformed event fails before anything is sent.
 *
 * @throws {KinesisLambdaError} `invalid-event` when the event is not a Kinesis stream event.
 * @example
 * ```ts
 * const batch = decodeLazily(event, { decode: (data) => decodeSubscriptionMessage(data) });
 * for (const record of batch) console.log(record.id);
 * ```
 */
export function decodeLazily(
  event: KinesisStreamEvent,
  options: Omit<DecodeBatchOptions, 'range'>,
): LazyDecodedBatch {
  const kinesisRecords = readKinesisRecords(event);
  const undecodable: UndecodableRecordEntry[] = [];
  // For each event: its Kinesis record, and where it sits among that record's events.
  const eventRecordIndices: number[] = [];
  const eventOffsets: number[] = [];
  let controlMessages = 0;
  let ownLogGroupEvents = 0;
  let oldestArrivalTimestamp: number | undefined;
  let nextRecordIndex = 0;
  let taken = 0;
  let iterated = false;

  // Decoding is deterministic: the same data gives the same events in the same order, so a
  // record decoded again for a retry yields exactly what was counted the first time.
  const decodeAt = (recordIndex: number): DecodedBatch =>
    decodeRecordRange(kinesisRecords, {
      ...options,
      range: { start: recordIndex, end: recordIndex + 1 },
    });
  const decodeRecord = (recordIndex: number): readonly SinkRecord[] => {
    const part = decodeAt(recordIndex);
    undecodable.push(...part.undecodable);
    controlMessages += part.controlMessages;
    ownLogGroupEvents += part.ownLogGroupEvents;
    if (
      part.oldestArrivalTimestamp !== undefined &&
      (oldestArrivalTimestamp === undefined || part.oldestArrivalTimestamp < oldestArrivalTimestamp)
    ) {
      oldestArrivalTimestamp = part.oldestArrivalTimestamp;
    }
    for (let offset = 0; offset < part.records.length; offset += 1) {
      eventRecordIndices.push(recordIndex);
      eventOffsets.push(offset);
    }
    return part.records;
  };

  function* iterate(): Generator<SinkRecord, void, undefined> {
    while (nextRecordIndex < kinesisRecords.length) {
      const records = decodeRecord(nextRecordIndex);
      nextRecordIndex += 1;
      for (const record of records) {
        taken += 1;
        yield record;
      }
    }
  }

  let summary: LazyBatchSummary | undefined;
  return {
    get taken() {
      return taken;
    },
    [Symbol.iterator]() {
      // One pass: a second one would count every record again.
      if (iterated) {
        throw new KinesisLambdaError(
          'A LazyDecodedBatch can be iterated only once: a second pass would count every event again',
          { code: 'invalid-use' },
        );
      }
      iterated = true;
      return iterate();
    },
    finish() {
      while (nextRecordIndex < kinesisRecords.length) {
        decodeRecord(nextRecordIndex);
        nextRecordIndex += 1;
      }
      summary ??= {
        undecodable,
        kinesisRecords: kinesisRecords.length,
        controlMessages,
        ownLogGroupEvents,
        oldestArrivalTimestamp,
        events: eventRecordIndices.length,
      };
      return summary;
    },
    decodeEvents(positions) {
      const events = new Array<SinkRecord>(eventRecordIndices.length);
      const positionsByRecord = new Map<number, number[]>();
      for (const position of positions) {
        const recordIndex = eventRecordIndices[position];
        if (recordIndex === undefined) continue;
        const list = positionsByRecord.get(recordIndex);
        if (list === undefined) positionsByRecord.set(recordIndex, [position]);
        else list.push(position);
      }
      for (const [recordIndex, list] of positionsByRecord) {
        const { records } = decodeAt(recordIndex);
        for (const position of list) {
          events[position] = records[eventOffsets[position] as number] as SinkRecord;
        }
      }
      return events;
    },
  };
}
