import {
  type _Record,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import type {
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
} from 'aws-lambda';
import type { HandlerContext } from '../create-handler';

/**
 * A batch the mapping gave up on (what Lambda sends to the on-failure destination).
 *
 * @example
 * ```ts
 * const discarded: readonly DiscardedBatch[] = (await pollLikeEventSourceMapping(options)).discarded;
 * ```
 */
export interface DiscardedBatch {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly size: number;
  readonly reason: 'function-error' | 'partial-failure';
}

/**
 * What {@link pollLikeEventSourceMapping} did.
 *
 * @example
 * ```ts
 * const { invocations, discarded }: PollReport = await pollLikeEventSourceMapping(options);
 * ```
 */
export interface PollReport {
  readonly invocations: number;
  /** Records read from the stream (each once). */
  readonly recordsRead: number;
  /** Records handed to the function, counting re-deliveries. */
  readonly recordsInvoked: number;
  readonly functionErrors: number;
  /** Invocations answered with a non-empty `batchItemFailures`. */
  readonly partialFailures: number;
  readonly discarded: readonly DiscardedBatch[];
}

/**
 * Options of {@link pollLikeEventSourceMapping}.
 *
 * @example
 * ```ts
 * const options: PollOptions = { client, streamName: 'logferry', handler, batchSize: 100 };
 * ```
 */
export interface PollOptions {
  readonly client: KinesisClient;
  readonly streamName: string;
  readonly handler: (
    event: KinesisStreamEvent,
    context: HandlerContext,
  ) => Promise<KinesisStreamBatchResponse | undefined>;
  /** @default 100 */
  readonly batchSize?: number;
  /**
   * Retries of a failing batch before it is discarded (Lambda's `MaximumRetryAttempts`).
   * @default 3
   */
  readonly maximumRetryAttempts?: number;
  /** @default true */
  readonly bisectBatchOnFunctionError?: boolean;
  /**
   * The function timeout: `getRemainingTimeInMillis` counts down from it, and an invocation
   * still running after it is a function error.
   * @default 60000
   */
  readonly functionTimeoutMs?: number;
  /** Called after each invocation (progress display). */
  readonly onInvocation?: (report: PollReport) => void;
  /** @default 'eu-west-1' */
  readonly region?: string;
}

/**
 * Drives a handler the way Lambda's Kinesis event source mapping does, against a real Kinesis
 * API (kinesalite in tests): reads each shard from TRIM_HORIZON in batches of up to
 * `batchSize`, builds real-shaped `KinesisStreamEvent`s, and on `ReportBatchItemFailures`
 * checkpoints before the LOWEST reported sequence number and re-delivers everything after it; on a
 * function error (throw, timeout, malformed response) it bisects the batch; after
 * `maximumRetryAttempts` retries a failing batch is discarded (recorded as it would be sent to
 * the on-failure destination). Stops when every shard is drained.
 *
 * Simplification: a retried batch is the failed suffix of the same batch (Lambda may top it up
 * with newer records); the delivery semantics under test are the same.
 *
 * @example
 * ```ts
 * const report = await pollLikeEventSourceMapping({ client, streamName: 'logferry', handler });
 * console.log(report.invocations, report.discarded.length);
 * ```
 */
export async function pollLikeEventSourceMapping(options: PollOptions): Promise<PollReport> {
  const batchSize = options.batchSize ?? 100;
  const maximumRetryAttempts = options.maximumRetryAttempts ?? 3;
  const bisect = options.bisectBatchOnFunctionError ?? true;
  const functionTimeoutMs = options.functionTimeoutMs ?? 60_000;
  const region = options.region ?? 'eu-west-1';
  const report = {
    invocations: 0,
    recordsRead: 0,
    recordsInvoked: 0,
    functionErrors: 0,
    partialFailures: 0,
    discarded: [] as DiscardedBatch[],
  };

  const shards = await options.client.send(
    new ListShardsCommand({ StreamName: options.streamName }),
  );
  for (const shard of shards.Shards ?? []) {
    const shardId = shard.ShardId as string;
    const toEvent = (records: readonly _Record[]): KinesisStreamEvent => ({
      Records: records.map(
        (record): KinesisStreamRecord => ({
          kinesis: {
            kinesisSchemaVersion: '1.0',
            partitionKey: record.PartitionKey as string,
            sequenceNumber: record.SequenceNumber as string,
            data: Buffer.from(record.Data as Uint8Array).toString('base64'),
            approximateArrivalTimestamp:
              (record.ApproximateArrivalTimestamp as Date).getTime() / 1000,
          },
          eventSource: 'aws:kinesis',
          eventVersion: '1.0',
          eventID: `${shardId}:${record.SequenceNumber}`,
          eventName: 'aws:kinesis:record',
          invokeIdentityArn: 'arn:aws:iam::123456789012:role/logferry-lambda',
          awsRegion: region,
          eventSourceARN: `arn:aws:kinesis:${region}:123456789012:stream/${options.streamName}`,
        }),
      ),
    });

    /** Invokes once; returns the index of the lowest failed record, or `error`. */
    const invoke = async (records: readonly _Record[]): Promise<number | 'error' | 'none'> => {
      report.invocations += 1;
      report.recordsInvoked += records.length;
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const response = await Promise.race([
          options.handler(toEvent(records), {
            awsRequestId: `invocation-${report.invocations}`,
            getRemainingTimeInMillis: () =>
              Math.max(0, Math.round(functionTimeoutMs - (performance.now() - started))),
          }),
          new Promise<'timeout'>((resolve) => {
            timer = setTimeout(() => resolve('timeout'), functionTimeoutMs);
          }),
        ]);
        if (response === 'timeout') return 'error';
        const failures = response?.batchItemFailures ?? [];
        if (failures.length === 0) return 'none';
        let lowest = Number.POSITIVE_INFINITY;
        for (const failure of failures) {
          const index = records.findIndex(
            (record) => record.SequenceNumber === failure.itemIdentifier,
          );
          // Lambda treats an unknown or empty identifier as a failure of the whole batch.
          if (index === -1) return 'error';
          lowest = Math.min(lowest, index);
        }
        report.partialFailures += 1;
        return lowest;
      } catch {
        return 'error';
      } finally {
        clearTimeout(timer);
        options.onInvocation?.({ ...report });
      }
    };

    const discard = (records: readonly _Record[], reason: DiscardedBatch['reason']) => {
      report.discarded.push({
        shardId,
        startSequenceNumber: records[0]?.SequenceNumber as string,
        endSequenceNumber: records.at(-1)?.SequenceNumber as string,
        size: records.length,
        reason,
      });
    };

    /** Settles a batch: every record ends acknowledged or discarded. */
    const processBatch = async (
      initial: readonly _Record[],
      initialRetries: number,
    ): Promise<void> => {
      let records = initial;
      let retries = initialRetries;
      while (records.length > 0) {
        const result = await invoke(records);
        if (result === 'none') return;
        if (result === 'error') {
          report.functionErrors += 1;
          if (bisect && records.length > 1) {
            // Splitting a batch does not consume the retry quota (Lambda documentation).
            const middle = Math.ceil(records.length / 2);
            await processBatch(records.slice(0, middle), retries);
            await processBatch(records.slice(middle), retries);
            return;
          }
          if (retries >= maximumRetryAttempts) {
            discard(records, 'function-error');
            return;
          }
          retries += 1;
          continue;
        }
        // Checkpoint before the lowest failure; re-deliver from it.
        records = records.slice(result);
        if (retries >= maximumRetryAttempts) {
          discard(records, 'partial-failure');
          return;
        }
        retries += 1;
      }
    };

    const iterator = await options.client.send(
      new GetShardIteratorCommand({
        StreamName: options.streamName,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    let shardIterator = iterator.ShardIterator;
    while (shardIterator !== undefined) {
      const page = await options.client.send(
        new GetRecordsCommand({ ShardIterator: shardIterator, Limit: batchSize }),
      );
      const records = page.Records ?? [];
      if (records.length === 0) break;
      report.recordsRead += records.length;
      await processBatch(records, 0);
      shardIterator = page.NextShardIterator;
    }
  }
  return { ...report, discarded: [...report.discarded] };
}
