import { describe, expect, it } from 'vitest';
import { computeBackoffDelay } from './compute-backoff-delay';

const options = { baseDelayMs: 100, maxDelayMs: 5_000 };

describe('computeBackoffDelay', () => {
  it('doubles the ceiling per retry and scales it by the random draw (full jitter)', () => {
    expect([1, 2, 3, 4, 5].map((retry) => computeBackoffDelay(retry, options, () => 0.5))).toEqual([
      50, 100, 200, 400, 800,
    ]);
  });

  it('never exceeds maxDelayMs, however many retries', () => {
    expect(computeBackoffDelay(7, options, () => 0.999_999)).toBe(4_999);
    expect(computeBackoffDelay(10_000, options, () => 0.999_999)).toBe(4_999);
  });

  it('can wait zero, which is what spreads concurrent retriers', () => {
    expect(computeBackoffDelay(3, options, () => 0)).toBe(0);
  });
});
