import { inspect } from 'node:util';
import { type DeadLetterEntry, type DeadLetterStore, isSinkError, SinkError } from '@logferry/sink';
import { buildPutHeaders } from './build-put-headers';
import { createS3Client } from './create-s3-client';
import { describeReceived } from './describe-received';
import { normalizeKeyPrefix } from './normalize-key-prefix';
import { planDeadLetterObjects } from './plan-dead-letter-objects';
import { putS3Object } from './put-s3-object';
import { readLayoutOption } from './read-layout-option';
import { readSinkLimits } from './read-sink-limits';
import { runWithConcurrency } from './run-with-concurrency';
import type { S3ClientOptions } from './s3-client-options';
import type { S3ServerSideEncryption } from './s3-server-side-encryption';
import { toSinkError } from './to-sink-error';

/**
 * Options of {@link createS3DeadLetterStore}.
 *
 * @example
 * ```ts
 * const options: S3DeadLetterStoreOptions = { bucket: 'acme-log-archive', prefix: 'dead-letter', serverSideEncryption: {} };
 * ```
 */
export interface S3DeadLetterStoreOptions extends S3ClientOptions {
  /**
   * Key prefix of every dead-letter object. Trailing `/` optional; `''` for none.
   * @default 'dead-letter'
   */
  readonly prefix?: string;
  /**
   * SSE-KMS for every object.
   * @default undefined (the bucket's default encryption)
   */
  readonly serverSideEncryption?: S3ServerSideEncryption;
  /**
   * `x-amz-storage-class` of every object.
   * @default undefined (S3 stores STANDARD)
   */
  readonly storageClass?: string;
  /**
   * Target size of an object body, in bytes as sent. Entries are packed up to it; an entry larger
   * than it on its own is still written, alone (dead letters are never dropped).
   * @default 8388608 (8 MiB)
   */
  readonly maxObjectBytes?: number;
  /**
   * PUT requests in flight at once.
   * @default 4
   */
  readonly concurrency?: number;
}

const storeName = 's3-dead-letter';

/**
 * Creates the dead-letter store on S3: rejected records and undecodable Kinesis records are
 * written as gzip NDJSON (one entry per line, see `encodeDeadLetterLine`) under
 * `{prefix}/kind={kind}/dt={yyyy}-{MM}-{dd}/hour={HH}/` (UTC hour of `failedAt`), in objects
 * named `{source}-{shardId}-{firstSequenceNumber}-{digest}.ndjson.gz`. The digest covers the
 * entries' identities, so a retried `write` of the same entries overwrites the same objects.
 *
 * `write` resolves once every object is stored. Otherwise it throws a `SinkError`: retryable
 * (`throttled`, `server`, `network`, `timeout`, `aborted`) when trying again may work, not
 * retryable for `authentication` and `configuration` failures and for invalid entries
 * (`invalid-options`). It does not retry on its own.
 *
 * @throws {SinkError} `invalid-options` at construction, naming the option.
 * @example
 * ```ts
 * const deadLetters = createS3DeadLetterStore({ bucket: 'acme-log-archive' });
 * await deadLetters.write(
 *   [{ kind: 'rejected-record', record, sink: 'elasticsearch', reason, failedAt: new Date().toISOString() }],
 *   { signal: AbortSignal.timeout(10_000) },
 * );
 * ```
 */
export function createS3DeadLetterStore(options: S3DeadLetterStoreOptions): DeadLetterStore {
  const client = createS3Client(options, storeName);
  const prefix = readLayoutOption(storeName, () =>
    normalizeKeyPrefix(options.prefix ?? 'dead-letter', 'prefix'),
  );
  const putHeaders = buildPutHeaders(options, storeName);
  const { maxObjectBytes, concurrency } = readSinkLimits(options, storeName);

  async function write(
    entries: readonly DeadLetterEntry[],
    writeOptions: { readonly signal?: AbortSignal } = {},
  ): Promise<void> {
    if (!Array.isArray(entries)) {
      throw new SinkError(
        `write() needs an array of dead-letter entries; received ${describeReceived(entries)}.`,
        { code: 'invalid-options', retryable: false, sink: storeName },
      );
    }
    if (entries.length === 0) return;
    const { signal } = writeOptions;
    if (signal?.aborted) {
      throw new SinkError(
        `write() was called with an already-aborted signal; none of the ${entries.length} entries was written.`,
        { code: 'aborted', retryable: true, sink: storeName },
      );
    }
    const objects = await planDeadLetterObjects(entries, prefix, maxObjectBytes);
    if (typeof objects === 'string') {
      throw new SinkError(`Cannot write dead letters: ${objects}.`, {
        code: 'invalid-options',
        retryable: false,
        sink: storeName,
      });
    }

    // The first failure stops the other uploads: the caller retries the whole write, and the
    // deterministic keys make that an overwrite.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    // The signal may have fired while the objects were being compressed.
    if (signal?.aborted) stop.abort();
    const failures: SinkError[] = [];
    let stored = 0;
    const fail = (error: SinkError) => {
      // Aborts caused by an earlier failure are not failures of their own.
      if (error.code !== 'aborted' || signal?.aborted) failures.push(error);
      stop.abort();
    };
    try {
      await runWithConcurrency(
        objects.map((object) => async () => {
          if (stop.signal.aborted) return;
          try {
            const result = await putS3Object(
              client,
              { key: object.key, body: object.body, headers: putHeaders },
              stop.signal,
            );
            if (result.stored) stored += 1;
            else fail(toSinkError(result.failure, storeName));
          } catch (error) {
            if (!isSinkError(error)) throw error;
            fail(error);
          }
        }),
        concurrency,
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (stored === objects.length) return;
    // A non-retryable failure wins: retrying would only hide it.
    const failure = failures.find((candidate) => !candidate.retryable);
    if (failure !== undefined) throw failure;
    if (signal?.aborted) {
      throw new SinkError(
        `write() was aborted by the caller's signal after ${stored} of ${objects.length} dead-letter objects were stored; write the same entries again.`,
        { code: 'aborted', retryable: true, sink: storeName, cause: failures[0] },
      );
    }
    throw (
      failures[0] ??
      new SinkError(`Only ${stored} of ${objects.length} dead-letter objects were stored.`, {
        code: 'server',
        retryable: true,
        sink: storeName,
      })
    );
  }

  const describe = () => ({
    name: storeName,
    ...client.describe(),
    prefix,
    maxObjectBytes,
    concurrency,
    ...(options.storageClass === undefined ? {} : { storageClass: options.storageClass }),
    ...(options.serverSideEncryption === undefined ? {} : { serverSideEncryption: 'aws:kms' }),
  });
  return {
    write,
    toJSON: describe,
    [inspect.custom]: () => `S3DeadLetterStore ${inspect(describe())}`,
  } as DeadLetterStore;
}
