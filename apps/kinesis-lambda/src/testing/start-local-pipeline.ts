import {
  type FakeElasticsearch,
  type FakeElasticsearchOptions,
  type FaultProxy,
  startFakeElasticsearch,
  startFaultProxy,
} from '@logferry/sink-testkit';
import { loadConfig } from '../config';
import { createConfiguredHandler } from '../create-configured-handler';
import { createRuntime } from '../create-runtime';
import {
  type PollOptions,
  type PollReport,
  pollLikeEventSourceMapping,
} from './poll-like-event-source-mapping';
import { type LocalBucketContents, readLocalBucket } from './read-local-bucket';
import { type LocalKinesis, startKinesalite } from './start-kinesalite';
import { type LocalS3, startS3rver } from './start-s3rver';

/**
 * Options of {@link startLocalPipeline}.
 *
 * @example
 * ```ts
 * const options: LocalPipelineOptions = { functionTimeoutMs: 3_000, requestTimeoutMs: 300 };
 * ```
 */
export interface LocalPipelineOptions {
  /** @default {} */
  readonly elasticsearch?: FakeElasticsearchOptions;
  /**
   * The function timeout the poller enforces and `getRemainingTimeInMillis` counts down from.
   * @default 4000
   */
  readonly functionTimeoutMs?: number;
  /**
   * The delivery loop's safety margin.
   * @default 1000
   */
  readonly safetyMarginMs?: number;
  /**
   * Per-request timeout of every sink.
   * @default 500
   */
  readonly requestTimeoutMs?: number;
  /** Extra environment variables for `loadConfig`. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * A whole logferry pipeline on loopback: Kinesis → poller → handler → sinks.
 *
 * @example
 * ```ts
 * const pipeline: LocalPipeline = await startLocalPipeline();
 * await pipeline.close();
 * ```
 */
export interface LocalPipeline {
  readonly kinesis: LocalKinesis;
  readonly s3: LocalS3;
  /** Fault proxy in front of s3rver: archive and dead-letter requests go through it. */
  readonly s3Proxy: FaultProxy;
  readonly elasticsearch: FakeElasticsearch;
  readonly streamName: string;
  readonly bucket: string;
  /** The invocation log lines the handler wrote, parsed. */
  readonly logLines: readonly Record<string, unknown>[];
  /** Puts raw record data (gzip subscription payloads, or anything else) into the stream. */
  putRecords(
    records: readonly { readonly data: Uint8Array; readonly partitionKey: string }[],
  ): Promise<void>;
  /** Drains the stream through the handler, following event source mapping rules. */
  run(
    options?: Partial<Pick<PollOptions, 'batchSize' | 'maximumRetryAttempts'>>,
  ): Promise<PollReport>;
  /** Reads back the archive and the dead letters. */
  readBucket(): Promise<LocalBucketContents>;
  close(): Promise<void>;
}

/**
 * Starts kinesalite, s3rver (behind the kit's fault proxy) and the kit's fake Elasticsearch on
 * 127.0.0.1, and wires the REAL handler to them through the same path as the Lambda:
 * environment variables → `loadConfig` → `createRuntime` → `createConfiguredHandler`.
 *
 * @example
 * ```ts
 * const pipeline = await startLocalPipeline();
 * try {
 *   await pipeline.putRecords(records);
 *   await pipeline.run();
 * } finally {
 *   await pipeline.close();
 * }
 * ```
 */
export async function startLocalPipeline(
  options: LocalPipelineOptions = {},
): Promise<LocalPipeline> {
  const bucket = 'logferry-e2e';
  const streamName = 'logferry-e2e';
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const kinesis = await startKinesalite();
    closers.push(() => kinesis.close());
    const s3 = await startS3rver([bucket]);
    closers.push(() => s3.close());
    const s3Proxy = await startFaultProxy({ target: s3.endpoint });
    closers.push(() => s3Proxy.close());
    const elasticsearch = await startFakeElasticsearch(options.elasticsearch);
    closers.push(() => elasticsearch.close());
    await kinesis.createStream(streamName);

    const config = loadConfig({
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'logferry-e2e',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/logferry-e2e',
      LOGFERRY_ELASTICSEARCH_URL: elasticsearch.url,
      LOGFERRY_ELASTICSEARCH_AUTH: 'none',
      LOGFERRY_ARCHIVE_BUCKET: bucket,
      LOGFERRY_S3_ENDPOINT: s3Proxy.url,
      ...options.environment,
    });
    const runtime = createRuntime(config, {
      requestTimeoutMs: options.requestTimeoutMs ?? 500,
      s3Credentials: s3.credentials,
    });
    const logLines: Record<string, unknown>[] = [];
    const handler = createConfiguredHandler(config, runtime, {
      writeLog: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>),
      delivery: {
        safetyMarginMs: options.safetyMarginMs ?? 1_000,
        backoff: { baseDelayMs: 20, maxDelayMs: 400 },
      },
    });

    return {
      kinesis,
      s3,
      s3Proxy,
      elasticsearch,
      streamName,
      bucket,
      logLines,
      putRecords: (records) => kinesis.putRecords(streamName, records),
      run: (pollOptions = {}) =>
        pollLikeEventSourceMapping({
          client: kinesis.client,
          streamName,
          handler,
          functionTimeoutMs: options.functionTimeoutMs ?? 4_000,
          batchSize: pollOptions.batchSize ?? 100,
          maximumRetryAttempts: pollOptions.maximumRetryAttempts ?? 20,
        }),
      readBucket: () =>
        readLocalBucket(s3, bucket, {
          archive: config.archive?.prefix ?? 'archive',
          deadLetter: config.deadLetter.prefix,
        }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
