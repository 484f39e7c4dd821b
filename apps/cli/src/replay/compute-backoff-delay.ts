/**
 * Computes the wait before retry number `retry` (1 for the first retry): exponential backoff with
 * FULL jitter, a uniformly random delay between 0 and `min(maxDelayMs, baseDelayMs × 2^(retry−1))`
 * — the Lambda's delivery-loop formula (`apps/kinesis-lambda/src/compute-backoff-delay.ts`), so a
 * replay backs off from a throttled cluster exactly as the Lambda does.
 *
 * @param random - returns a number in [0, 1), like `Math.random` (injected for tests).
 * @example
 * ```ts
 * computeBackoffDelay(3, { baseDelayMs: 100, maxDelayMs: 5_000 }, () => 0.5); // 200
 * ```
 */
export function computeBackoffDelay(
  retry: number,
  options: { readonly baseDelayMs: number; readonly maxDelayMs: number },
  random: () => number,
): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 52);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
