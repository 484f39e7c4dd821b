import { isSinkError, type RejectedRecordEntry, type SinkRecord } from '@logferry/sink';
import { type ArchiveLine, readArchiveObject, type S3ObjectSummary } from '@logferry/sink-s3';
import { deliverToSinks } from './deliver-to-sinks';
import { isInFilters } from './is-in-filters';
import { readSourceObject } from './read-source-object';
import { recordProblem } from './record-problem';
import type { ReplayObjectContext } from './replay-object-context';
import { retryS3Call } from './retry-s3-call';
import { tallyDelivery } from './tally-delivery';

/**
 * How processing one object ended: `complete` (every event settled: record it in the
 * checkpoint), `incomplete` (something is still unsettled: a later run must read it again), or
 * `interrupted` (the stop signal came first; also read again later).
 *
 * @example
 * ```ts
 * if ((await replayArchiveObject(object, context)) === 'complete') checkpoint.add(object.key);
 * ```
 */
export type ObjectResult = 'complete' | 'incomplete' | 'interrupted';

/**
 * Replays one archive object: reads its lines, keeps the events the filters select, sends them
 * in batches of `batchSize` to every destination (with the shared retry policy), and writes the
 * records a destination rejects to the dead-letter store — or, without one, lists them in the
 * summary and leaves the object for a later run. Malformed lines are counted and listed; the
 * other lines are still replayed. The object is `complete` only when every selected event is
 * delivered or durably dead-lettered. Events keep their CloudWatch ids, so replaying the same
 * object again stores nothing twice (Elasticsearch `create` with the id as `_id`).
 *
 * @throws {ReplayError} `source-failed` (S3 keeps failing), `sink-failed` (a destination failed
 * as a whole): the run stops.
 * @example
 * ```ts
 * const result = await replayArchiveObject({ key, size, lastModified, etag }, context);
 * ```
 */
export async function replayArchiveObject(
  object: S3ObjectSummary,
  context: ReplayObjectContext,
): Promise<ObjectResult> {
  const { tally, filters } = context;
  const lines = await readSourceObject<ArchiveLine>(
    () => readArchiveObject({ ...context.connection, key: object.key }),
    object,
    context,
  );
  if (lines === undefined) return 'complete';

  const records: SinkRecord[] = [];
  for (const line of lines) {
    if (!line.ok) {
      tally.malformedLines += 1;
      recordProblem(tally, {
        kind: 'malformed-line',
        key: object.key,
        lineNumber: line.lineNumber,
        reason: line.error.message,
      });
      continue;
    }
    tally.events.read += 1;
    if (isInFilters(line.record.logGroup, line.record.timestamp, filters))
      records.push(line.record);
    else tally.events.filteredOut += 1;
  }
  context.onProgress();
  if (context.dryRun) return 'complete';

  let result: ObjectResult = 'complete';
  for (let start = 0; start < records.length; start += context.batchSize) {
    if (context.stop.aborted) return 'interrupted';
    const batch = records.slice(start, start + context.batchSize);
    const results = await deliverToSinks(
      context.sinks.map((sink) => ({ sink, records: batch })),
      context.policy,
      context.stop,
    );
    tallyDelivery(tally, results);

    const rejected: RejectedRecordEntry[] = [];
    let unsettledEvents = 0;
    let interrupted = false;
    batch.forEach((record, index) => {
      let settled = true;
      let delivered = true;
      for (const { sink, outcomes } of results) {
        const outcome = outcomes[index];
        if (outcome?.status === 'rejected') {
          delivered = false;
          rejected.push({
            kind: 'rejected-record',
            record,
            sink: sink.name,
            reason: outcome.reason,
            ...(outcome.errorType === undefined ? {} : { errorType: outcome.errorType }),
            ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
            failedAt: new Date(context.now()).toISOString(),
          });
        } else if (outcome?.status === 'unsettled') {
          settled = false;
          interrupted ||= outcome.interrupted;
          if (!outcome.interrupted) {
            recordProblem(tally, {
              kind: 'unsettled',
              key: object.key,
              eventId: record.id,
              sink: sink.name,
              reason: outcome.reason,
            });
          }
        }
      }
      if (!settled) unsettledEvents += 1;
      else if (delivered) tally.events.delivered += 1;
    });
    tally.events.unsettled += unsettledEvents;
    // Rejections are stored even when interrupted: they are settled and must not be lost.
    const stored = await storeRejected(rejected, object.key, context);
    context.onProgress();
    if (interrupted) return 'interrupted';
    if (unsettledEvents > 0 || !stored) result = 'incomplete';
  }
  return result;
}

/** Writes rejected records to the dead-letter store; false when they are not stored. */
async function storeRejected(
  entries: readonly RejectedRecordEntry[],
  key: string,
  context: ReplayObjectContext,
): Promise<boolean> {
  if (entries.length === 0) return true;
  const { tally } = context;
  const events = new Set(entries.map((entry) => entry.record));
  const store = context.deadLetterStore;
  if (store === undefined) {
    tally.events.rejected += events.size;
    for (const entry of entries) {
      recordProblem(tally, {
        kind: 'rejected',
        key,
        eventId: entry.record.id,
        sink: entry.sink,
        reason: entry.reason,
      });
    }
    return false;
  }
  try {
    await retryS3Call(
      () => store.write(entries),
      context.policy,
      context.policy.deadLetterAttempts,
      context.stop,
    );
  } catch (error) {
    if (!isSinkError(error)) throw error;
    // The records stay in the archive object, which a later run reads again.
    tally.events.rejected += events.size;
    recordProblem(tally, {
      kind: 'dead-letter-write-failed',
      key,
      reason: `${events.size} rejected records could not be written to the dead-letter store: ${error.message}`,
    });
    return false;
  }
  tally.events.deadLettered += events.size;
  return true;
}
