import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './create-progress-reporter';
import { createReplayTally } from './replay-tally';

describe('createProgressReporter', () => {
  it('redraws one line with counts, rates and the ETA, at most every interval', () => {
    const written: string[] = [];
    let clock = 0;
    const progress = createProgressReporter(
      { write: (text) => written.push(text) },
      { now: () => clock, intervalMs: 250 },
    );
    const tally = createReplayTally();

    clock = 2000;
    Object.assign(tally.objects, { listed: 40, completed: 10 });
    tally.events.read = 2000;
    tally.bytes = 1_048_576;
    progress.update(tally);
    clock = 2100;
    progress.update(tally);
    tally.totals = { objects: 40, bytes: 4_194_304 };
    clock = 4000;
    progress.update(tally);
    progress.finish();

    expect(written).toEqual([
      '\r\x1b[2Kobjects 10/40+ · events 2,000 · 1.0 MiB · 1,000 events/s · 512.0 KiB/s · ETA …',
      '\r\x1b[2Kobjects 10/40 · events 2,000 · 1.0 MiB · 500 events/s · 256.0 KiB/s · ETA 12.0 s',
      '\r\x1b[2K',
    ]);
  });

  it('erases nothing when it never drew', () => {
    const written: string[] = [];
    createProgressReporter({ write: (text) => written.push(text) }).finish();
    expect(written).toEqual([]);
  });
});
