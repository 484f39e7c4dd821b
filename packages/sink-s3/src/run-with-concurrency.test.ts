import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runWithConcurrency } from './run-with-concurrency';

describe('runWithConcurrency', () => {
  it('never runs more than the limit at once and runs every task', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runWithConcurrency(
      Array.from({ length: 10 }, (_, index) => async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(5);
        running -= 1;
        done.push(index);
      }),
      3,
    );
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets the other tasks finish before rejecting, with every failure', async () => {
    const finished: number[] = [];
    const run = runWithConcurrency(
      [0, 1, 2, 3].map((index) => async () => {
        await sleep(index);
        if (index % 2 === 1) throw new Error(`task ${index}`);
        finished.push(index);
      }),
      2,
    );
    const error = await run.catch((caught: unknown) => caught);
    expect(finished.sort()).toEqual([0, 2]);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((inner: Error) => inner.message)).toEqual([
      'task 1',
      'task 3',
    ]);
  });
});
