import { computeBackoffDelay } from '@logferry/kinesis-lambda/compute-backoff-delay';
import { isSinkError } from '@logferry/sink';
import type { RetryPolicy } from './retry-policy';

/**
 * Calls `call` until it resolves, retrying a retryable `SinkError` (S3 throttling, 5xx, network,
 * timeout) with the Lambda's backoff, at most `attempts` times in all. Once `stop` fires no new
 * try starts.
 *
 * @throws the last error when it is not retryable, the attempts are used up, or `stop` fired.
 * @example
 * ```ts
 * await retryS3Call(() => deleteS3Object({ ...connection, key }), policy, policy.maxAttempts, stop);
 * ```
 */
export async function retryS3Call<Result>(
  call: () => Promise<Result>,
  policy: RetryPolicy,
  attempts: number,
  stop: AbortSignal,
): Promise<Result> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isSinkError(error) || !error.retryable || attempt >= attempts || stop.aborted) {
        throw error;
      }
      await policy.sleep(computeBackoffDelay(attempt, policy, policy.random), stop);
      if (stop.aborted) throw error;
    }
  }
}
