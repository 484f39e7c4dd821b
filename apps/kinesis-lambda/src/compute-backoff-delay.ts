/**
 * Options of {@link computeBackoffDelay}.
 *
 * @example
 * ```ts
 * const options: BackoffOptions = { baseDelayMs: 100, maxDelayMs: 5_000 };
 * ```
 */
export interface BackoffOptions {
  /**
   * Ceiling of the first retry's delay; each further retry doubles it.
   * @default 100
   */
  readonly baseDelayMs: number;
  /**
   * Largest ceiling, whatever the attempt number.
   * @default 5000
   */
  readonly maxDelayMs: number;
}

/**
 * The delivery loop's backoff when none is given.
 *
 * @example
 * ```ts
 * computeBackoffDelay(1, defaultBackoffOptions, Math.random); // 0–99 ms
 * ```
 */
export const defaultBackoffOptions: BackoffOptions = { baseDelayMs: 100, maxDelayMs: 5_000 };

/**
 * Computes the wait before retry number `retry` (1 for the first retry) with exponential backoff
 * and FULL jitter: a uniformly random delay between 0 and `min(maxDelayMs, baseDelayMs × 2^(retry−1))`.
 * Full jitter spreads the retries of many concurrent Lambda instances hitting the same throttled
 * cluster, instead of synchronizing them into waves.
 *
 * @param random - returns a number in [0, 1), like `Math.random` (injected for tests).
 * @example
 * ```ts
 * computeBackoffDelay(3, { baseDelayMs: 100, maxDelayMs: 5_000 }, () => 0.5); // 200
 * ```
 */
export function computeBackoffDelay(
  retry: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 52);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
