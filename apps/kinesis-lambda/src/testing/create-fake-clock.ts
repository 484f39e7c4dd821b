/**
 * A clock that only moves when the code under test sleeps (or the test advances it).
 *
 * @example
 * ```ts
 * const clock: FakeClock = createFakeClock();
 * await deliverBatch(event, { ...options, now: clock.now, sleep: clock.sleep });
 * ```
 */
export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  advance(ms: number): void;
  /** Every delay passed to `sleep`, in order. */
  readonly sleeps: readonly number[];
}

/**
 * Creates a {@link FakeClock} for the delivery loop's injectable `now` and `sleep`.
 *
 * @example
 * ```ts
 * const clock = createFakeClock();
 * await clock.sleep(250);
 * clock.now(); // 1_700_000_100_250
 * ```
 */
export function createFakeClock(start = 1_700_000_100_000): FakeClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    async sleep(ms) {
      sleeps.push(ms);
      time += ms;
    },
    advance(ms) {
      time += ms;
    },
    sleeps,
  };
}
