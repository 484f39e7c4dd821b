import { describe, expect, it } from 'vitest';
import { computeBackoffDelay } from './compute-backoff-delay';

const backoff = { baseDelayMs: 100, maxDelayMs: 5_000 };

describe('computeBackoffDelay', () => {
  it('doubles the ceiling per retry, with full jitter, up to the maximum', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7].map((retry) => computeBackoffDelay(retry, backoff, () => 0.999999)),
    ).toEqual([99, 199, 399, 799, 1599, 3199, 4999]);
    expect(computeBackoffDelay(3, backoff, () => 0.5)).toBe(200);
    expect(computeBackoffDelay(3, backoff, () => 0)).toBe(0);
  });

  it('stays finite for any retry number', () => {
    expect(computeBackoffDelay(10_000, backoff, () => 0.5)).toBe(2_500);
  });
});
