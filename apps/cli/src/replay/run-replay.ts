import { decodeSubscriptionMessage, type SubscriptionMessage } from '@logferry/cloudwatch-decoder';
import type { DeadLetterStore, Sink } from '@logferry/sink';
import type { S3ClientOptions, S3ObjectSummary, S3ServerSideEncryption } from '@logferry/sink-s3';
import { type CheckpointWriter, createCheckpointWriter } from './create-checkpoint-writer';
import { createDeadLetterRewriter } from './create-dead-letter-rewriter';
import { drainDeadLetterObject } from './drain-dead-letter-object';
import { isReplayError, type ReplayError } from './errors';
import { isKeyInTimeRange } from './is-key-in-time-range';
import { listSourceObjects } from './list-source-objects';
import type { S3Location } from './parse-s3-url';
import { planListingPrefixes } from './plan-listing-prefixes';
import { readReplayCheckpoint } from './read-replay-checkpoint';
import { type ObjectResult, replayArchiveObject } from './replay-archive-object';
import type { ReplayFilters } from './replay-filters';
import type { ReplayMode } from './replay-mode';
import type { ReplayObjectContext } from './replay-object-context';
import { createReplayTally, type ReplayTally } from './replay-tally';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';

/**
 * Options of {@link runReplay}.
 *
 * @example
 * ```ts
 * const options: RunReplayOptions = {
 *   source: { bucket: 'acme-logs', prefix: 'archive' },
 *   mode: 'archive',
 *   filters: { logGroups: ['/aws/lambda/checkout-api'] },
 *   connection: { region: 'eu-west-1' },
 *   sinks: [elasticsearchSink],
 * };
 * ```
 */
export interface RunReplayOptions {
  /** Where the archive or dead letters are. */
  readonly source: S3Location;
  readonly mode: ReplayMode;
  readonly filters: ReplayFilters;
  /** How to reach the source bucket: region, endpoint, credentials… (sink-s3's `S3ClientOptions`). */
  readonly connection: Omit<S3ClientOptions, 'bucket'>;
  /** The destinations. Dead letters go back to the sink that rejected them, by name. */
  readonly sinks: readonly Sink[];
  /**
   * Archive mode: where records a destination rejects are written.
   * @default undefined (they are listed in the summary, and the run exits 1)
   */
  readonly deadLetterStore?: DeadLetterStore;
  /**
   * Dead-letter mode: SSE-KMS of the objects the drain rewrites.
   * @default undefined (the bucket's default encryption)
   */
  readonly serverSideEncryption?: S3ServerSideEncryption;
  /**
   * Objects processed at once. Memory is about this many objects (sink-s3 reads an object whole;
   * the archive keeps them to a few MiB) plus one listing page.
   * @default 4
   */
  readonly concurrency?: number;
  /**
   * Most records per `send` call; an object with more is sent in several batches.
   * @default 1000
   */
  readonly batchSize?: number;
  /**
   * Retry policy overrides.
   * @default defaultRetryPolicy
   */
  readonly policy?: Partial<RetryPolicy>;
  /**
   * List, read and count; send, write and delete nothing.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Checkpoint file: completed object keys are read from it (when it exists) and skipped, and
   * recorded in it as the run goes (not in a dry run).
   * @default undefined (no checkpoint)
   */
  readonly checkpointPath?: string;
  /**
   * Shortest time between checkpoint writes, in ms.
   * @default 1000
   */
  readonly checkpointIntervalMs?: number;
  /**
   * Interrupts the run: no new object, batch or retry starts; sends in flight finish; objects not
   * fully settled are left for the next run; the checkpoint is written.
   * @default undefined
   */
  readonly signal?: AbortSignal;
  /**
   * Called whenever the tally changed (after each batch and object).
   * @default undefined
   */
  readonly onProgress?: (tally: ReplayTally) => void;
  /**
   * Also list the source once more, counting objects and bytes, so progress can show an ETA.
   * @default false
   */
  readonly countTotals?: boolean;
  /**
   * Decodes an undecodable dead letter's data again.
   * @default decodeSubscriptionMessage with its default limits (as the Lambda)
   */
  readonly decode?: (data: string) => SubscriptionMessage;
  /**
   * Current time in ms (for `failedAt`, `updatedAt`, durations).
   * @default Date.now
   */
  readonly now?: () => number;
}

/**
 * What a replay did.
 *
 * @example
 * ```ts
 * if (result.outcome === 'interrupted') console.error('resume with the same --checkpoint');
 * ```
 */
export interface ReplayResult {
  /** `complete`: the listing was worked through; `interrupted`: the signal fired; `failed`: a fatal error. */
  readonly outcome: 'complete' | 'interrupted' | 'failed';
  /** The fatal error, when `outcome` is `failed`. */
  readonly error: ReplayError | undefined;
  readonly tally: ReplayTally;
  /** The key prefixes listed. */
  readonly prefixes: readonly string[];
  /** Remarks about the listing. */
  readonly notes: readonly string[];
  readonly durationMs: number;
}

/**
 * Replays an S3 archive, or drains a dead-letter store, into the given sinks. Lists only the
 * partitions the filters select, processes `concurrency` objects at a time (each object's events
 * in batches of `batchSize`; see `replayArchiveObject` and `drainDeadLetterObject`), retries with
 * the Lambda's backoff policy, and records completed objects in the checkpoint, so an interrupted
 * run resumes where it stopped and replaying twice stores nothing twice.
 *
 * A destination failing as a whole (credentials, configuration), S3 failing for good, or the
 * checkpoint becoming unwritable stops the run: objects in flight finish, the checkpoint is
 * written, and the result is `failed` with the error.
 *
 * @throws {ReplayError} before anything is sent: `invalid-checkpoint`, `checkpoint-failed`, or
 * `source-failed` while planning the listing.
 * @example
 * ```ts
 * const result = await runReplay({ source, mode: 'archive', filters: {}, connection, sinks: [sink] });
 * console.log(result.tally.events.delivered);
 * ```
 */
export async function runReplay(options: RunReplayOptions): Promise<ReplayResult> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const policy: RetryPolicy = { ...defaultRetryPolicy, now, ...options.policy };
  const concurrency = options.concurrency ?? 4;
  const dryRun = options.dryRun ?? false;
  const sourceName = `s3://${options.source.bucket}/${options.source.prefix}`;
  const connection: S3ClientOptions = { ...options.connection, bucket: options.source.bucket };
  const tally = createReplayTally(options.sinks.map((sink) => sink.name));

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  try {
    const completedKeys =
      options.checkpointPath === undefined
        ? new Set<string>()
        : await readReplayCheckpoint(options.checkpointPath, {
            source: sourceName,
            mode: options.mode,
          });
    let checkpoint: CheckpointWriter | undefined;
    if (options.checkpointPath !== undefined && !dryRun) {
      checkpoint = createCheckpointWriter({
        path: options.checkpointPath,
        source: sourceName,
        mode: options.mode,
        completedKeys,
        intervalMs: options.checkpointIntervalMs,
        now,
      });
      // Fail before sending anything when the checkpoint cannot be written.
      await checkpoint.flush();
    }
    const plan = await planListingPrefixes({
      mode: options.mode,
      source: options.source,
      filters: options.filters,
      connection,
      policy,
      stop: stop.signal,
    });
    const rewriter =
      options.mode === 'dead-letters' && !dryRun
        ? createDeadLetterRewriter({
            ...connection,
            prefix: findLayoutRoot(options.source.prefix),
            ...(options.serverSideEncryption === undefined
              ? {}
              : { serverSideEncryption: options.serverSideEncryption }),
          })
        : undefined;
    const report = () => options.onProgress?.(tally);
    const context: ReplayObjectContext = {
      connection,
      sinks: options.sinks,
      filters: options.filters,
      batchSize: options.batchSize ?? 1000,
      policy,
      stop: stop.signal,
      dryRun,
      tally,
      onProgress: report,
      deadLetterStore: options.deadLetterStore,
      decode: options.decode ?? ((data) => decodeSubscriptionMessage(data)),
      rewriter,
      now,
    };
    const processObject = options.mode === 'archive' ? replayArchiveObject : drainDeadLetterObject;
    const selects = (object: S3ObjectSummary) => {
      if (!isKeyInTimeRange(object.key, options.filters)) {
        tally.objects.skippedOutOfRange += 1;
        return false;
      }
      if (completedKeys.has(object.key)) {
        tally.objects.skippedCompleted += 1;
        return false;
      }
      if (rewriter?.wasWritten(object.key)) {
        tally.objects.skippedRewritten += 1;
        return false;
      }
      return true;
    };

    const counting =
      options.countTotals === true
        ? countTotals(
            plan.prefixes,
            connection,
            policy,
            stop.signal,
            options.filters,
            completedKeys,
            tally,
          )
        : Promise.resolve();
    const objects = listSourceObjects(plan.prefixes, connection, policy, stop.signal);
    let failure: unknown;
    let listingDone = false;
    const nextObject = async (): Promise<S3ObjectSummary | undefined> => {
      // An async generator queues concurrent next() calls, so workers can share it.
      while (!stop.signal.aborted) {
        const next = await objects.next();
        if (next.done) {
          listingDone = true;
          return undefined;
        }
        // Interrupted while the listing page was on its way: leave the object for the next run.
        if (stop.signal.aborted) return undefined;
        tally.objects.listed += 1;
        if (selects(next.value)) return next.value;
        report();
      }
      return undefined;
    };
    const work = async () => {
      while (failure === undefined) {
        let object: S3ObjectSummary | undefined;
        let result: ObjectResult;
        try {
          object = await nextObject();
          if (object === undefined) return;
          result = await processObject(object, context);
        } catch (error) {
          failure ??= error;
          stop.abort();
          return;
        }
        if (result === 'complete') {
          tally.objects.completed += 1;
          checkpoint?.add(object.key);
        } else {
          tally.objects.incomplete += 1;
        }
        if (checkpoint?.failure !== undefined) {
          failure ??= checkpoint.failure;
          stop.abort();
        }
        report();
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, work));
    } finally {
      await objects.return(undefined);
      await counting;
    }
    const interrupted = options.signal?.aborted === true;
    try {
      await checkpoint?.close({ finished: listingDone && failure === undefined && !interrupted });
    } catch (error) {
      failure ??= error;
    }
    if (failure !== undefined && !isReplayError(failure)) throw failure;
    report();
    return {
      outcome: failure !== undefined ? 'failed' : interrupted ? 'interrupted' : 'complete',
      error: failure as ReplayError | undefined,
      tally,
      prefixes: plan.prefixes,
      notes: plan.notes,
      durationMs: now() - startedAt,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The layout root of a prefix: what precedes the first partition segment (`kind=…`). */
function findLayoutRoot(prefix: string): string {
  const segments = prefix.split('/');
  const index = segments.findIndex((segment) => segment.includes('='));
  return segments
    .slice(0, index === -1 ? segments.length : index)
    .filter(Boolean)
    .join('/');
}

/** Lists the source once, counting what is left to do; the ETA waits for it. */
async function countTotals(
  prefixes: readonly string[],
  connection: S3ClientOptions,
  policy: RetryPolicy,
  stop: AbortSignal,
  filters: ReplayFilters,
  completedKeys: ReadonlySet<string>,
  tally: ReplayTally,
): Promise<void> {
  let objects = 0;
  let bytes = 0;
  try {
    for await (const object of listSourceObjects(prefixes, connection, policy, stop)) {
      if (stop.aborted) return;
      if (!isKeyInTimeRange(object.key, filters) || completedKeys.has(object.key)) continue;
      objects += 1;
      bytes += object.size;
    }
  } catch (error) {
    // Only the ETA depends on this count; the replay's own listing reports S3 failures.
    if (isReplayError(error)) return;
    throw error;
  }
  tally.totals = { objects, bytes };
}
