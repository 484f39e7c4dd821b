import { describe, expect, it } from 'vitest';
import { createReplaySummary } from './create-replay-summary';
import { ReplayError } from './errors';
import { createReplayTally, type ReplayTally } from './replay-tally';
import type { ReplayResult } from './run-replay';

function resultWith(
  change: (tally: ReplayTally) => void,
  outcome: ReplayResult['outcome'] = 'complete',
): ReplayResult {
  const tally = createReplayTally(['elasticsearch']);
  change(tally);
  return {
    outcome,
    error: outcome === 'failed' ? new ReplayError('denied', { code: 'sink-failed' }) : undefined,
    tally,
    prefixes: ['archive/log_group='],
    notes: [],
    durationMs: 12,
  };
}

const run = {
  source: 's3://logs/archive',
  mode: 'archive',
  dryRun: false,
  destinations: ['elasticsearch'],
} as const;

describe('createReplaySummary', () => {
  it('exits 0 when every selected event is delivered or dead-lettered', () => {
    const summary = createReplaySummary(
      resultWith((tally) => {
        tally.events.delivered = 10;
        tally.events.deadLettered = 2;
        tally.events.filteredOut = 5;
        tally.entries.untouched = 3;
      }),
      run,
    );
    expect(summary.exitCode).toBe(0);
    expect(summary.entries).toBeUndefined();
  });

  it.each([
    [
      'a rejected record not stored',
      (tally: ReplayTally) => {
        tally.events.rejected = 1;
      },
    ],
    [
      'an unsettled record',
      (tally: ReplayTally) => {
        tally.events.unsettled = 1;
      },
    ],
    [
      'a malformed line',
      (tally: ReplayTally) => {
        tally.malformedLines = 1;
      },
    ],
    [
      'an unreadable object',
      (tally: ReplayTally) => {
        tally.objects.unreadable = 1;
      },
    ],
    [
      'an incomplete object',
      (tally: ReplayTally) => {
        tally.objects.incomplete = 1;
      },
    ],
    [
      'a dead letter that failed again',
      (tally: ReplayTally) => {
        tally.entries.failedAgain = 1;
      },
    ],
    [
      'a dead letter that still does not decode',
      (tally: ReplayTally) => {
        tally.entries.stillUndecodable = 1;
      },
    ],
  ])('exits 1 for %s', (_, change) => {
    expect(createReplaySummary(resultWith(change), run).exitCode).toBe(1);
  });

  it('exits 1 with the error when the run failed, 130 when it was interrupted', () => {
    const failed = createReplaySummary(
      resultWith(() => {}, 'failed'),
      run,
    );
    expect(failed.exitCode).toBe(1);
    expect(failed.error).toEqual({ code: 'sink-failed', message: 'denied' });
    expect(
      createReplaySummary(
        resultWith(() => {}, 'interrupted'),
        run,
      ).exitCode,
    ).toBe(130);
  });

  it('adds the dead-letter counts in dead-letter mode', () => {
    const summary = createReplaySummary(
      resultWith(() => {}),
      { ...run, mode: 'dead-letters' },
    );
    expect(summary.entries).toMatchObject({ read: 0, removed: 0 });
  });
});
