import { isDecodeError, type SubscriptionMessage } from '@logferry/cloudwatch-decoder';
import {
  type DeadLetterEntry,
  isSinkError,
  type RejectedRecordEntry,
  type Sink,
  type SinkRecord,
  type UndecodableRecordEntry,
} from '@logferry/sink';
import {
  type DeadLetterLine,
  deleteS3Object,
  readDeadLetterObject,
  type S3ObjectSummary,
} from '@logferry/sink-s3';
import { deliverToSinks, type FinalOutcome } from './deliver-to-sinks';
import { isInFilters } from './is-in-filters';
import { readSourceObject } from './read-source-object';
import { recordProblem } from './record-problem';
import type { ObjectResult } from './replay-archive-object';
import type { ReplayObjectContext } from './replay-object-context';
import { retryS3Call } from './retry-s3-call';
import { tallyDelivery } from './tally-delivery';

/** One entry of the object and what this run does with it. */
type Slot =
  | { readonly kind: 'untouched'; readonly entry: DeadLetterEntry }
  | { readonly kind: 'control'; readonly entry: UndecodableRecordEntry }
  | { readonly kind: 'still-undecodable'; readonly replacement: UndecodableRecordEntry }
  | {
      readonly kind: 'deliver';
      readonly entry: DeadLetterEntry;
      /** The records to send, and to which sinks (one sink for a rejected record, all for a re-decoded one). */
      readonly records: readonly SinkRecord[];
      readonly sinks: readonly Sink[];
      /** outcomes[sinkIndex][recordIndex], filled in by the delivery. */
      readonly outcomes: FinalOutcome[][];
    };

interface Reference {
  readonly slot: Extract<Slot, { kind: 'deliver' }>;
  readonly sinkIndex: number;
  readonly recordIndex: number;
}

/**
 * Drains one dead-letter object: re-delivers each entry and then leaves in the store only what
 * still fails.
 *
 * - A `rejected-record` entry goes to the sink that rejected it (by name; entries of a sink that
 *   is not a destination of this run are left as they are).
 * - An `undecodable-record` entry is decoded again (the failure may have been a decoder bug that
 *   is fixed now); if it decodes, its events go to every destination, and if it still does not,
 *   it stays with the new reason and time. A control message is simply removed.
 * - Delivered entries are removed; entries that fail again stay, with the new reason and
 *   `failedAt` (events of a re-decoded entry that a sink rejects become `rejected-record` entries).
 *
 * Nothing is ever half-written: the remaining entries are written as a new object first (through
 * sink-s3's dead-letter store, so they land in the partition of the new `failedAt`), and only
 * then is the old object deleted — unless the new object took the same key, overwriting it in one
 * PUT. An object with no entry left is deleted. If the run is interrupted before every entry of
 * the object is settled, or the object has malformed lines (rewriting would drop them), the object
 * is left exactly as it was; entries already delivered are delivered again next time, which
 * stores nothing twice.
 *
 * @throws {ReplayError} `source-failed`, `sink-failed`: the run stops.
 * @example
 * ```ts
 * const result = await drainDeadLetterObject(object, context);
 * ```
 */
export async function drainDeadLetterObject(
  object: S3ObjectSummary,
  context: ReplayObjectContext,
): Promise<ObjectResult> {
  const { tally } = context;
  const lines = await readSourceObject<DeadLetterLine>(
    () => readDeadLetterObject({ ...context.connection, key: object.key }),
    object,
    context,
  );
  if (lines === undefined) return 'complete';
  const entries = lines.flatMap((line) => (line.ok ? [line.entry] : []));
  tally.entries.read += entries.length;
  const malformed = lines.filter((line) => !line.ok);
  if (malformed.length > 0) {
    tally.malformedLines += malformed.length;
    tally.entries.untouched += entries.length;
    for (const line of malformed) {
      recordProblem(tally, {
        kind: 'malformed-line',
        key: object.key,
        lineNumber: line.lineNumber,
        reason: `${line.ok ? '' : line.error.message} (the object is left as it is: rewriting it would drop this line)`,
      });
    }
    context.onProgress();
    return 'complete';
  }

  const failedAt = new Date(context.now()).toISOString();
  const slots = entries.map((entry) => planSlot(entry, context, failedAt));
  for (const slot of slots) {
    if (slot.kind === 'untouched') tally.entries.untouched += 1;
    if (slot.kind === 'still-undecodable') {
      tally.entries.stillUndecodable += 1;
      recordProblem(tally, {
        kind: 'still-undecodable',
        key: object.key,
        reason: `Kinesis record ${slot.replacement.shardId}/${slot.replacement.sequenceNumber} still does not decode: ${slot.replacement.reason}`,
      });
    }
    if (slot.kind === 'deliver' && slot.entry.kind === 'undecodable-record')
      tally.entries.redecoded += 1;
  }
  context.onProgress();
  if (context.dryRun) return 'complete';

  const interrupted = await deliverSlots(slots, context);
  if (interrupted) return 'interrupted';

  let changed = false;
  const remaining: DeadLetterEntry[] = [];
  for (const slot of slots) {
    if (slot.kind === 'untouched') {
      remaining.push(slot.entry);
      continue;
    }
    changed = true;
    if (slot.kind === 'control') tally.entries.removed += 1;
    if (slot.kind === 'still-undecodable') remaining.push(slot.replacement);
    if (slot.kind !== 'deliver') continue;
    const left = settleSlot(slot, failedAt);
    tally.events.read += slot.records.length;
    tally.events.delivered += slot.records.filter((_, recordIndex) =>
      slot.outcomes.every((outcomes) => outcomes[recordIndex]?.status === 'delivered'),
    ).length;
    if (left.length === 0) {
      tally.entries.removed += 1;
    } else {
      tally.entries.failedAgain += 1;
      remaining.push(...left);
      for (const entry of left) {
        recordProblem(tally, {
          kind: 'failed-again',
          key: object.key,
          ...(entry.kind === 'rejected-record'
            ? { eventId: entry.record.id, sink: entry.sink }
            : {}),
          reason: entry.reason,
        });
      }
    }
  }
  if (!changed) return 'complete';
  return replaceObject(object.key, remaining, context);
}

function planSlot(entry: DeadLetterEntry, context: ReplayObjectContext, failedAt: string): Slot {
  const failedTime = Date.parse(entry.failedAt);
  if (entry.kind === 'rejected-record') {
    if (!isInFilters(entry.record.logGroup, failedTime, context.filters)) {
      return { kind: 'untouched', entry };
    }
    const sink = context.sinks.find((candidate) => candidate.name === entry.sink);
    if (sink === undefined) {
      const others = context.tally.entries.forOtherSinks;
      others[entry.sink] = (others[entry.sink] ?? 0) + 1;
      return { kind: 'untouched', entry };
    }
    return { kind: 'deliver', entry, records: [entry.record], sinks: [sink], outcomes: [[]] };
  }

  // The time filter applies to failedAt for every entry; the log group is only known once decoded.
  if (!isInFilters(undefined, failedTime, { ...context.filters, logGroups: undefined })) {
    return { kind: 'untouched', entry };
  }
  let message: SubscriptionMessage;
  try {
    message = context.decode(entry.data);
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    // Its log group is unknown, so a --log-group drain cannot tell it is selected.
    if (context.filters.logGroups !== undefined) return { kind: 'untouched', entry };
    return {
      kind: 'still-undecodable',
      replacement: { ...entry, reason: error.message, errorType: error.code, failedAt },
    };
  }
  if (message.messageType === 'CONTROL_MESSAGE') return { kind: 'control', entry };
  if (
    context.filters.logGroups !== undefined &&
    !context.filters.logGroups.includes(message.logGroup)
  ) {
    return { kind: 'untouched', entry };
  }
  const records = message.logEvents.map(
    (event, eventIndex): SinkRecord => ({
      id: event.id,
      timestamp: event.timestamp,
      message: event.message,
      ...(event.extractedFields === undefined ? {} : { extractedFields: event.extractedFields }),
      owner: message.owner,
      logGroup: message.logGroup,
      logStream: message.logStream,
      subscriptionFilters: message.subscriptionFilters,
      ...(message.policyLevel === undefined ? {} : { policyLevel: message.policyLevel }),
      position: {
        shardId: entry.shardId,
        sequenceNumber: entry.sequenceNumber,
        // The record's index in its original Lambda batch is not kept in the dead letter.
        recordIndex: 0,
        eventIndex,
        ...(entry.approximateArrivalTimestamp === undefined
          ? {}
          : { approximateArrivalTimestamp: entry.approximateArrivalTimestamp }),
      },
    }),
  );
  return {
    kind: 'deliver',
    entry,
    records,
    sinks: context.sinks,
    outcomes: context.sinks.map(() => []),
  };
}

/** Sends every slot's records, sink by sink, in batches; true when interrupted. */
async function deliverSlots(
  slots: readonly Slot[],
  context: ReplayObjectContext,
): Promise<boolean> {
  const bySink = new Map<Sink, Reference[]>();
  for (const slot of slots) {
    if (slot.kind !== 'deliver') continue;
    slot.sinks.forEach((sink, sinkIndex) => {
      let references = bySink.get(sink);
      if (references === undefined) {
        references = [];
        bySink.set(sink, references);
      }
      for (let recordIndex = 0; recordIndex < slot.records.length; recordIndex += 1) {
        references.push({ slot, sinkIndex, recordIndex });
      }
    });
  }
  const longest = Math.max(0, ...[...bySink.values()].map((references) => references.length));
  for (let start = 0; start < longest; start += context.batchSize) {
    if (context.stop.aborted) return true;
    const rounds = [...bySink.entries()]
      .map(([sink, references]) => ({
        sink,
        references: references.slice(start, start + context.batchSize),
      }))
      .filter((round) => round.references.length > 0);
    const results = await deliverToSinks(
      rounds.map(({ sink, references }) => ({
        sink,
        records: references.map(
          (reference) => reference.slot.records[reference.recordIndex] as SinkRecord,
        ),
      })),
      context.policy,
      context.stop,
    );
    tallyDelivery(context.tally, results);
    let interrupted = false;
    results.forEach((result, roundIndex) => {
      const references = rounds[roundIndex]?.references ?? [];
      result.outcomes.forEach((outcome, position) => {
        const reference = references[position] as Reference;
        const outcomes = reference.slot.outcomes[reference.sinkIndex] as FinalOutcome[];
        outcomes[reference.recordIndex] = outcome;
        if (outcome.status === 'unsettled' && outcome.interrupted) interrupted = true;
      });
    });
    context.onProgress();
    if (interrupted) return true;
  }
  return false;
}

/** The entries a delivered slot leaves in the store (none when everything was delivered). */
function settleSlot(slot: Extract<Slot, { kind: 'deliver' }>, failedAt: string): DeadLetterEntry[] {
  const { entry } = slot;
  if (entry.kind === 'rejected-record') {
    const outcome = slot.outcomes[0]?.[0];
    if (outcome === undefined || outcome.status === 'delivered') return [];
    const { errorType: _errorType, httpStatus: _httpStatus, ...rest } = entry;
    return [
      {
        ...rest,
        reason: outcome.reason,
        ...(outcome.errorType === undefined ? {} : { errorType: outcome.errorType }),
        ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
        failedAt,
      },
    ];
  }
  const unsettled = slot.sinks.flatMap((sink, sinkIndex) =>
    (slot.outcomes[sinkIndex] ?? []).flatMap((outcome) =>
      outcome.status === 'unsettled' ? [`${sink.name}: ${outcome.reason}`] : [],
    ),
  );
  if (unsettled.length > 0) {
    // Keep the raw record until every event is settled: its events are re-derived next time.
    return [
      {
        ...entry,
        reason: `The record decodes now, but ${unsettled.length} of its event deliveries did not finish (${unsettled[0]})`,
        failedAt,
      },
    ];
  }
  const rejected: RejectedRecordEntry[] = [];
  slot.sinks.forEach((sink, sinkIndex) => {
    (slot.outcomes[sinkIndex] ?? []).forEach((outcome, recordIndex) => {
      if (outcome.status !== 'rejected') return;
      rejected.push({
        kind: 'rejected-record',
        record: slot.records[recordIndex] as SinkRecord,
        sink: sink.name,
        reason: outcome.reason,
        ...(outcome.errorType === undefined ? {} : { errorType: outcome.errorType }),
        ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
        failedAt,
      });
    });
  });
  return rejected;
}

/** Writes what remains as a new object, then deletes the old one (or deletes an emptied one). */
async function replaceObject(
  key: string,
  remaining: readonly DeadLetterEntry[],
  context: ReplayObjectContext,
): Promise<ObjectResult> {
  const { tally, policy, stop } = context;
  const rewriter = context.rewriter;
  if (rewriter === undefined) throw new Error('drainDeadLetterObject needs context.rewriter');
  if (remaining.length > 0) {
    try {
      await retryS3Call(
        () => rewriter.store.write(remaining),
        policy,
        policy.deadLetterAttempts,
        stop,
      );
    } catch (error) {
      if (!isSinkError(error)) throw error;
      // The old object is untouched: nothing is lost, delivered entries are re-sent next time.
      recordProblem(tally, {
        kind: 'dead-letter-write-failed',
        key,
        reason: `the ${remaining.length} remaining entries could not be written, so the object was left as it was: ${error.message}`,
      });
      return 'incomplete';
    }
    if (rewriter.wasWritten(key)) {
      tally.objects.rewritten += 1;
      return 'complete';
    }
  }
  try {
    await retryS3Call(
      () => deleteS3Object({ ...context.connection, key }),
      policy,
      policy.maxAttempts,
      stop,
    );
  } catch (error) {
    if (!isSinkError(error)) throw error;
    // The new object holds what remains; the old one's delivered entries are delivered again next time.
    recordProblem(tally, {
      kind: 'delete-failed',
      key,
      reason: `the drained object could not be deleted: ${error.message}`,
    });
    return 'incomplete';
  }
  if (remaining.length > 0) tally.objects.rewritten += 1;
  else tally.objects.deleted += 1;
  return 'complete';
}
