import { describe, expect, it } from 'vitest';
import { createReplaySummary } from './create-replay-summary';
import { formatReplaySummary } from './format-replay-summary';
import { recordProblem } from './record-problem';
import { createReplayTally } from './replay-tally';

describe('formatReplaySummary', () => {
  it('formats an archive replay with problems', () => {
    const tally = createReplayTally(['elasticsearch']);
    Object.assign(tally.objects, { listed: 12, completed: 10, skippedCompleted: 1, incomplete: 1 });
    tally.bytes = 1_572_864;
    Object.assign(tally.events, {
      read: 4000,
      delivered: 3990,
      deadLettered: 2,
      unsettled: 7,
      filteredOut: 1,
    });
    tally.malformedLines = 1;
    Object.assign(tally.sinks.elasticsearch!, {
      delivered: 3990,
      rejected: 2,
      unsettled: 7,
      retried: 14,
      requests: 17,
      bytesSent: 2_097_152,
    });
    recordProblem(tally, {
      kind: 'malformed-line',
      key: 'archive/a.ndjson.gz',
      lineNumber: 3,
      reason: 'not JSON',
    });
    recordProblem(tally, {
      kind: 'unsettled',
      key: 'archive/b.ndjson.gz',
      eventId: '3699',
      sink: 'elasticsearch',
      reason: 'item 429',
    });
    const summary = createReplaySummary(
      {
        outcome: 'complete',
        error: undefined,
        tally,
        prefixes: ['archive/log_group='],
        notes: ['a note'],
        durationMs: 2100,
      },
      {
        source: 's3://logs/archive',
        mode: 'archive',
        dryRun: false,
        destinations: ['elasticsearch'],
      },
    );

    expect(formatReplaySummary(summary)).toBe(
      [
        'logferry replay: archive s3://logs/archive → elasticsearch: complete in 2.1 s',
        '  objects   12 listed under 1 prefix (1 skipped (checkpoint)): 10 done, 1 left for a later run; 1.5 MiB read',
        '  events    4,000 read: 3,990 delivered, 2 dead-lettered, 0 rejected and not stored, 7 unsettled, 1 filtered out',
        '  malformed 1 line (listed below)',
        '  elasticsearch: 3,990 delivered, 2 rejected, 7 unsettled, 14 retried, 17 requests, 2.0 MiB sent',
        '  note: a note',
        'problems (2):',
        '  malformed-line archive/a.ndjson.gz:3: not JSON',
        '  unsettled archive/b.ndjson.gz event 3699 in elasticsearch: item 429',
        '',
      ].join('\n'),
    );
  });

  it('formats a dry run without delivery figures', () => {
    const tally = createReplayTally(['elasticsearch']);
    Object.assign(tally.objects, { listed: 500, skippedOutOfRange: 288, completed: 212 });
    tally.bytes = 213_811;
    Object.assign(tally.events, { read: 848, filteredOut: 48 });
    const summary = createReplaySummary(
      {
        outcome: 'complete',
        error: undefined,
        tally,
        prefixes: ['archive/log_group='],
        notes: [],
        durationMs: 926,
      },
      {
        source: 's3://acme-logs/archive',
        mode: 'archive',
        dryRun: true,
        destinations: ['elasticsearch'],
      },
    );
    expect(formatReplaySummary(summary)).toBe(
      [
        'logferry replay: archive s3://acme-logs/archive → elasticsearch (dry run): complete in 926 ms',
        '  objects   500 listed under 1 prefix (288 skipped (outside --since/--until)): 212 done; 208.8 KiB read',
        '  events    848 read: 800 would be replayed, 48 filtered out',
        '  dry run: nothing was sent, written or deleted',
        '',
      ].join('\n'),
    );
  });

  it('formats an interrupted dead-letter drain', () => {
    const tally = createReplayTally(['elasticsearch']);
    Object.assign(tally.objects, { listed: 3, completed: 2, deleted: 1, rewritten: 1 });
    Object.assign(tally.entries, {
      read: 5,
      removed: 2,
      failedAgain: 1,
      untouched: 1,
      redecoded: 1,
      stillUndecodable: 1,
    });
    tally.entries.forOtherSinks.http = 1;
    Object.assign(tally.events, { read: 3, delivered: 3 });
    for (let index = 0; index < 101; index += 1) {
      recordProblem(tally, {
        kind: 'failed-again',
        key: 'dead-letter/x',
        reason: `reason ${index}`,
      });
    }
    const summary = createReplaySummary(
      {
        outcome: 'interrupted',
        error: undefined,
        tally,
        prefixes: ['dead-letter/kind='],
        notes: [],
        durationMs: 65_000,
      },
      {
        source: 's3://logs/dead-letter',
        mode: 'dead-letters',
        dryRun: false,
        destinations: ['elasticsearch'],
      },
    );

    const text = formatReplaySummary(summary);
    expect(text.split('\n').slice(0, 8)).toEqual([
      'logferry replay: dead letters s3://logs/dead-letter → elasticsearch: interrupted in 1m05s',
      '  objects   3 listed under 1 prefix: 2 done, 1 deleted (drained), 1 rewritten (entries left); 0 B read',
      '  entries   5 read: 2 delivered and removed, 1 failed again (kept, new reason), 1 untouched (1 for sink "http": not a destination of this run)',
      '  decoding  1 undecodable records decode now, 1 still do not (kept, new reason)',
      '  events    3 read: 3 delivered',
      '  elasticsearch: 0 delivered, 0 rejected, 0 unsettled, 0 retried, 0 requests, 0 B sent',
      '  interrupted: run the same command again (with the same --checkpoint) to resume',
      'problems (101, the first 100 shown):',
    ]);
  });
});
