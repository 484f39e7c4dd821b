import { computeBackoffDelay } from '@logferry/kinesis-lambda/compute-backoff-delay';
import { isSinkError } from '@logferry/sink';
import { listS3Objects, type S3ClientOptions, type S3ObjectSummary } from '@logferry/sink-s3';
import { ReplayError } from './errors';
import type { RetryPolicy } from './retry-policy';

/**
 * Lists every object under each prefix in turn (ListObjectsV2, one page of `pageSize` keys —
 * default 1000, S3's maximum — in memory at a time). A
 * retryable S3 failure is retried with backoff and the listing resumes after the last key it
 * yielded, so nothing is listed twice; the attempt count starts over whenever a page arrives.
 *
 * @throws {ReplayError} `source-failed` when S3 keeps failing or fails for good (no bucket,
 * access denied).
 * @example
 * ```ts
 * for await (const object of listSourceObjects(['archive/log_group='], connection, policy, stop)) {
 *   console.log(object.key, object.size);
 * }
 * ```
 */
export async function* listSourceObjects(
  prefixes: readonly string[],
  connection: S3ClientOptions,
  policy: RetryPolicy,
  stop: AbortSignal,
  pageSize = 1000,
): AsyncGenerator<S3ObjectSummary, void, undefined> {
  for (const prefix of prefixes) {
    let startAfter: string | undefined;
    let failures = 0;
    for (;;) {
      try {
        for await (const object of listS3Objects({
          ...connection,
          prefix,
          pageSize,
          ...(startAfter === undefined ? {} : { startAfter }),
        })) {
          failures = 0;
          startAfter = object.key;
          yield object;
        }
        break;
      } catch (error) {
        if (!isSinkError(error)) throw error;
        failures += 1;
        if (!error.retryable || failures >= policy.maxAttempts || stop.aborted) {
          throw new ReplayError(
            `Cannot list s3://${connection.bucket}/${prefix}${startAfter === undefined ? '' : ` after ${startAfter}`}: ${error.message}`,
            { code: 'source-failed', retryable: error.retryable, cause: error },
          );
        }
        await policy.sleep(computeBackoffDelay(failures, policy, policy.random), stop);
      }
    }
  }
}
