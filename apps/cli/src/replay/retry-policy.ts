/**
 * How `logferry replay` retries: the Lambda's policy (retryable outcomes and retryable
 * `SinkError`s again, with exponential backoff and full jitter), bounded by a number of attempts
 * because a command line has no invocation deadline, and optionally by the Lambda's
 * `LOGFERRY_RETRY_BUDGET_MS` time budget per batch.
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { ...defaultRetryPolicy, maxAttempts: 3 };
 * ```
 */
export interface RetryPolicy {
  /**
   * Sends of one batch to one sink (and tries of one S3 call), the first included.
   * @default 6
   */
  readonly maxAttempts: number;
  /**
   * Ceiling of the first retry's delay; each further retry doubles it.
   * @default 100
   */
  readonly baseDelayMs: number;
  /**
   * Largest delay ceiling.
   * @default 5000
   */
  readonly maxDelayMs: number;
  /**
   * Time limit of one batch's delivery, first attempt and retries, in ms (`LOGFERRY_RETRY_BUDGET_MS`).
   * @default undefined (attempts alone bound it)
   */
  readonly retryBudgetMs?: number;
  /**
   * Dead-letter writes tried at most this many times (the Lambda's `deadLetterAttempts`).
   * @default 3
   */
  readonly deadLetterAttempts: number;
  /**
   * Current time in ms.
   * @default Date.now
   */
  readonly now: () => number;
  /**
   * Waits `ms`, resolving early (never rejecting) when `signal` aborts.
   * @default a `setTimeout`-based sleep
   */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Random number in [0, 1) for the jitter.
   * @default Math.random
   */
  readonly random: () => number;
}

/**
 * The defaults of {@link RetryPolicy}: 6 attempts (about 3 s of backoff at most, as 100 ms × 2⁴
 * caps below 5 s), 3 dead-letter writes.
 *
 * @example
 * ```ts
 * const policy = { ...defaultRetryPolicy, sleep: async () => {} }; // tests: no waiting
 * ```
 */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  deadLetterAttempts: 3,
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    }),
  random: () => Math.random(),
};
