import type { SubscriptionMessage } from '@logferry/cloudwatch-decoder';
import type { DeadLetterStore, Sink } from '@logferry/sink';
import type { S3ClientOptions } from '@logferry/sink-s3';
import type { ReplayFilters } from './replay-filters';
import type { ReplayTally } from './replay-tally';
import type { RetryPolicy } from './retry-policy';

/**
 * Everything the processing of one source object needs; shared by every object of a run.
 *
 * @example
 * ```ts
 * const result = await replayArchiveObject(object, context);
 * ```
 */
export interface ReplayObjectContext {
  /** The source bucket's connection. */
  readonly connection: S3ClientOptions;
  /** The destinations, in the order they were configured. */
  readonly sinks: readonly Sink[];
  readonly filters: ReplayFilters;
  /** Most records per `send` call. */
  readonly batchSize: number;
  readonly policy: RetryPolicy;
  /** Fires on interruption: no new batch or retry starts. */
  readonly stop: AbortSignal;
  /** Read and count only: send, write and delete nothing. */
  readonly dryRun: boolean;
  readonly tally: ReplayTally;
  /** Called whenever the tally changed, for the progress line. */
  readonly onProgress: () => void;
  /** Archive mode: where rejected records go; `undefined` lists them in the summary instead. */
  readonly deadLetterStore: DeadLetterStore | undefined;
  /** Dead-letter mode: decodes an undecodable entry's data again. */
  readonly decode: (data: string) => SubscriptionMessage;
  /** Dead-letter mode: writes the entries that remain, and knows which keys this run wrote. */
  readonly rewriter: DeadLetterRewriter | undefined;
  /** Current time, for `failedAt`. */
  readonly now: () => number;
}

/**
 * A dead-letter store for the source's own layout, which remembers the keys it wrote: an object
 * the rewrite overwrote in place must not then be deleted, and must not be drained again in the
 * same run.
 *
 * @example
 * ```ts
 * await rewriter.store.write(remaining);
 * if (!rewriter.wasWritten(object.key)) await deleteS3Object({ ...connection, key: object.key });
 * ```
 */
export interface DeadLetterRewriter {
  readonly store: DeadLetterStore;
  /** Whether this run stored an object under `key`. */
  wasWritten(key: string): boolean;
}
