import { inspect } from 'node:util';
import {
  isSinkError,
  type RecordOutcome,
  type SendOptions,
  type SendResult,
  type Sink,
  SinkError,
  type SinkRecord,
} from '@logferry/sink';
import { buildPutHeaders } from './build-put-headers';
import { compileKeyTemplate } from './compile-key-template';
import { createS3Client } from './create-s3-client';
import {
  archiveKeyPlaceholders,
  defaultArchiveKeyTemplate,
  requiredArchiveKeyPlaceholders,
} from './default-archive-key-template';
import { listS3Page } from './list-s3-page';
import { normalizeKeyPrefix } from './normalize-key-prefix';
import { packGzipParts } from './pack-gzip-parts';
import {
  type ArchiveGroup,
  type ArchiveGroupEvent,
  planArchiveGroups,
} from './plan-archive-groups';
import { putS3Object } from './put-s3-object';
import { readLayoutOption } from './read-layout-option';
import { readSinkLimits } from './read-sink-limits';
import { renderArchiveKey } from './render-archive-key';
import { runWithConcurrency } from './run-with-concurrency';
import type { S3ClientOptions } from './s3-client-options';
import type { S3ServerSideEncryption } from './s3-server-side-encryption';
import { toSinkError } from './to-sink-error';

/**
 * Options of {@link createS3Sink}: the bucket connection, the key layout and how objects are
 * written.
 *
 * @example
 * ```ts
 * const options: S3SinkOptions = {
 *   bucket: 'acme-log-archive',
 *   prefix: 'archive',
 *   serverSideEncryption: { kmsKeyId: 'alias/log-archive', bucketKeyEnabled: true },
 *   storageClass: 'STANDARD_IA',
 * };
 * ```
 */
export interface S3SinkOptions extends S3ClientOptions {
  /**
   * Key prefix of every archive object (`{prefix}` in the template). Trailing `/` optional; `''`
   * for none.
   * @default 'archive'
   */
  readonly prefix?: string;
  /**
   * Object key template (see the README for the placeholders and rules). It must contain
   * `{shardId}`, `{sequenceNumber}`, `{firstEventIndex}` and `{lastEventIndex}`.
   * @default defaultArchiveKeyTemplate
   */
  readonly keyTemplate?: string;
  /**
   * SSE-KMS for every object.
   * @default undefined (the bucket's default encryption)
   */
  readonly serverSideEncryption?: S3ServerSideEncryption;
  /**
   * `x-amz-storage-class` of every object, e.g. `STANDARD_IA` or `INTELLIGENT_TIERING`.
   * Archived classes (`GLACIER`, `DEEP_ARCHIVE`) must be restored before `logferry replay` can read them.
   * @default undefined (S3 stores STANDARD)
   */
  readonly storageClass?: string;
  /**
   * Largest object body, in bytes as sent (gzip-compressed). A Kinesis record's events above it
   * are split into parts; an event that does not fit alone is `rejected`.
   * @default 8388608 (8 MiB)
   */
  readonly maxObjectBytes?: number;
  /**
   * PUT requests in flight at once.
   * @default 4
   */
  readonly concurrency?: number;
}

const sinkName = 's3';

/**
 * Creates the S3 archive sink: every log event is stored as one line of gzip NDJSON (see
 * `encodeArchiveLine`), in objects with deterministic, Hive-partitioned keys (see
 * `defaultArchiveKeyTemplate`).
 *
 * Each Kinesis record's events (per log group and UTC hour of their timestamps) become one object
 * named by shard, sequence number and event-index range. A Kinesis record is what Lambda
 * re-delivers, so a replay — in any batch composition, after a bisect or a partial failure — PUTs
 * the same bytes to the same keys: the archive never holds an event twice. If one part of a
 * record's objects fails, every event of that record is reported `retryable`, so the re-send
 * repeats the same parts under the same keys.
 *
 * Outcomes: `delivered` once S3 answered 2xx; `retryable` for 429/5xx/`SlowDown`, network errors,
 * timeouts and aborts; `rejected` for events no object can hold (too large, timestamp out of range,
 * missing position) or S3's `KeyTooLongError`. 401/403 (`AccessDenied`, `InvalidAccessKeyId`,
 * `SignatureDoesNotMatch`, …) throw `SinkError` `authentication`; `NoSuchBucket`, wrong region and
 * other configuration errors throw `configuration` (neither retryable). The sink never retries.
 *
 * @throws {SinkError} `invalid-options` at construction, naming the option.
 * @example
 * ```ts
 * const archive = createS3Sink({
 *   bucket: 'acme-log-archive',
 *   serverSideEncryption: { kmsKeyId: process.env.ARCHIVE_KMS_KEY_ID },
 * });
 * const result = await archive.send(records, { signal: AbortSignal.timeout(30_000) });
 * ```
 */
export function createS3Sink(options: S3SinkOptions): Sink {
  const client = createS3Client(options, sinkName);
  const prefix = readLayoutOption(sinkName, () =>
    normalizeKeyPrefix(options.prefix ?? 'archive', 'prefix'),
  );
  const template = readLayoutOption(sinkName, () =>
    compileKeyTemplate(options.keyTemplate ?? defaultArchiveKeyTemplate, {
      optionName: 'keyTemplate',
      placeholders: archiveKeyPlaceholders,
      required: requiredArchiveKeyPlaceholders,
    }),
  );
  const putHeaders = buildPutHeaders(options, sinkName);
  const { maxObjectBytes, concurrency } = readSinkLimits(options, sinkName);

  async function send(
    records: readonly SinkRecord[],
    sendOptions: SendOptions = {},
  ): Promise<SendResult> {
    if (!Array.isArray(records)) {
      throw new SinkError('send() needs an array of records.', {
        code: 'invalid-options',
        retryable: false,
        sink: sinkName,
      });
    }
    if (records.length === 0) return { outcomes: [], requests: 0, bytesSent: 0 };
    const { signal } = sendOptions;
    if (signal?.aborted) {
      throw new SinkError(
        `send() was called with an already-aborted signal; none of the ${records.length} records was sent.`,
        { code: 'aborted', retryable: true, sink: sinkName },
      );
    }

    // One controller stops every upload: the caller's abort (also one that fires while the batch
    // is being encoded), or a failure that is about the configuration (the remaining uploads
    // would fail the same way).
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const outcomes: (RecordOutcome | undefined)[] = Array.from({ length: records.length });
    let fatal: SinkError | undefined;
    let requests = 0;
    let bytesSent = 0;

    async function uploadGroup(group: ArchiveGroup): Promise<void> {
      const assign = (events: readonly ArchiveGroupEvent[], outcome: RecordOutcome) => {
        for (const event of events)
          for (const index of event.recordIndexes) outcomes[index] = outcome;
      };
      if (stop.signal.aborted) {
        assign(group.events, notSent(signal));
        return;
      }
      const parts = await packGzipParts(
        group.events.map((event) => event.line),
        maxObjectBytes,
      );
      const results: {
        events: readonly ArchiveGroupEvent[];
        key: string;
        outcome: RecordOutcome;
      }[] = [];
      let failure: Exclude<RecordOutcome, { status: 'delivered' }> | undefined;
      for (const part of parts) {
        const events = group.events.slice(part.start, part.end);
        const key = renderArchiveKey(template, prefix, {
          ...group,
          firstEventIndex: events[0]!.eventIndex,
          lastEventIndex: events.at(-1)!.eventIndex,
        });
        let outcome: RecordOutcome;
        if (Buffer.byteLength(key) > 1024) {
          outcome = {
            status: 'rejected',
            reason: `The object key would be ${Buffer.byteLength(key)} bytes, above S3's 1024; shorten the prefix or key template (key starts ${JSON.stringify(key.slice(0, 80))})`,
            errorType: 'KeyTooLongError',
          };
        } else if (stop.signal.aborted) {
          outcome = notSent(signal);
        } else if (failure !== undefined) {
          // The whole record is re-sent anyway (see below); skip the PUT rather than repeat it.
          outcome = {
            status: 'retryable',
            reason: `Not sent: an earlier object of the same Kinesis record failed (${failure.reason})`,
            ...(failure.errorType === undefined ? {} : { errorType: failure.errorType }),
          };
        } else {
          outcome = await upload(key, part.body);
        }
        if (outcome.status === 'retryable') failure ??= outcome;
        results.push({ events, key, outcome });
      }
      for (const { events, key, outcome } of results) {
        // Parts are re-sent together so a re-send rebuilds the same parts under the same keys.
        assign(
          events,
          outcome.status === 'delivered' && failure !== undefined
            ? {
                status: 'retryable',
                reason: `Stored as ${key}, but another object of the same Kinesis record failed (${failure.reason}); the record's objects are re-sent together`,
                ...(failure.errorType === undefined ? {} : { errorType: failure.errorType }),
              }
            : outcome,
        );
      }
    }

    async function upload(key: string, body: Buffer): Promise<RecordOutcome> {
      requests += 1;
      bytesSent += body.byteLength;
      try {
        const result = await putS3Object(client, { key, body, headers: putHeaders }, stop.signal);
        if (result.stored) return { status: 'delivered' };
        const { disposition, reason, errorType, httpStatus } = result.failure;
        if (disposition === 'fatal') {
          fatal ??= toSinkError(result.failure, sinkName);
          stop.abort();
          return { status: 'retryable', reason, httpStatus };
        }
        return {
          status: disposition,
          reason,
          httpStatus,
          ...(errorType === undefined ? {} : { errorType }),
        };
      } catch (error) {
        if (!isSinkError(error)) throw error;
        if (!error.retryable) {
          fatal ??= error;
          stop.abort();
        }
        return { status: 'retryable', reason: error.message, errorType: error.code };
      }
    }

    try {
      const plan = await planArchiveGroups(records, maxObjectBytes);
      for (const [index, outcome] of plan.rejected) outcomes[index] = outcome;
      await runWithConcurrency(
        plan.groups.map((group) => () => uploadGroup(group)),
        concurrency,
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (fatal !== undefined) throw fatal;
    return {
      outcomes: outcomes.map(
        (outcome) =>
          outcome ?? {
            status: 'retryable',
            reason: 'No outcome was determined for this record (a bug in @logferry/sink-s3)',
          },
      ),
      requests,
      bytesSent,
    };
  }

  async function checkHealth(healthOptions: SendOptions = {}): Promise<void> {
    // ListObjectsV2 with max-keys=1 proves the endpoint, region, bucket and credentials (it needs
    // s3:ListBucket) and writes nothing.
    await listS3Page(
      client,
      { prefix: prefix === '' ? '' : `${prefix}/`, maxKeys: 1 },
      healthOptions.signal,
    );
  }

  const describe = () => ({
    name: sinkName,
    ...client.describe(),
    prefix,
    keyTemplate: template.source,
    maxObjectBytes,
    concurrency,
    ...(options.storageClass === undefined ? {} : { storageClass: options.storageClass }),
    ...(options.serverSideEncryption === undefined ? {} : { serverSideEncryption: 'aws:kms' }),
  });
  return {
    name: sinkName,
    send,
    checkHealth,
    // fetch's connection pool is process-wide; the sink holds no connections or timers of its own.
    close: async () => {},
    toJSON: describe,
    [inspect.custom]: () => `S3Sink ${inspect(describe())}`,
  } as Sink;
}

function notSent(signal: AbortSignal | undefined): RecordOutcome {
  return {
    status: 'retryable',
    reason: signal?.aborted
      ? "Not sent: the caller's signal aborted before this object was uploaded"
      : 'Not sent: the upload stopped after a configuration or authentication failure',
    errorType: 'aborted',
  };
}
