import { describe, expect, it } from 'vitest';
import { archivePartitionPrefixes } from './archive-partition-prefixes';
import { S3ArchiveError } from './errors';

const checkout = 'archive/log_group=%2Faws%2Flambda%2Fcheckout-api';

describe('archivePartitionPrefixes', () => {
  it('lists single hours inside one day', () => {
    expect(
      archivePartitionPrefixes({
        logGroup: '/aws/lambda/checkout-api',
        since: new Date('2024-06-01T05:10:00Z'),
        until: new Date('2024-06-01T07:59:59.999Z'),
      }),
    ).toEqual([
      `${checkout}/dt=2024-06-01/hour=05/`,
      `${checkout}/dt=2024-06-01/hour=06/`,
      `${checkout}/dt=2024-06-01/hour=07/`,
    ]);
  });

  it('collapses whole days, months and years, keeping hours at the edges', () => {
    expect(
      archivePartitionPrefixes({
        logGroup: '/aws/lambda/checkout-api',
        since: Date.parse('2023-11-30T23:00:00Z'),
        until: Date.parse('2025-02-02T00:30:00Z'),
      }),
    ).toEqual([
      `${checkout}/dt=2023-11-30/hour=23/`,
      `${checkout}/dt=2023-12-`,
      `${checkout}/dt=2024-`,
      `${checkout}/dt=2025-01-`,
      `${checkout}/dt=2025-02-01/hour=`,
      `${checkout}/dt=2025-02-02/hour=00/`,
    ]);
  });

  it('lists one prefix per log group, and nothing for an empty list', () => {
    const range = {
      since: Date.parse('2024-06-01T00:00:00Z'),
      until: Date.parse('2024-06-01T23:59:00Z'),
    };
    expect(archivePartitionPrefixes({ ...range, logGroup: ['b', 'a', 'a'] })).toEqual([
      'archive/log_group=a/dt=2024-06-01/hour=',
      'archive/log_group=b/dt=2024-06-01/hour=',
    ]);
    expect(archivePartitionPrefixes({ ...range, logGroup: [] })).toEqual([]);
  });

  it('cannot narrow by time without a log group when the log group comes first', () => {
    expect(
      archivePartitionPrefixes({
        since: Date.parse('2024-06-01T00:00:00Z'),
        until: Date.parse('2024-06-02T00:00:00Z'),
      }),
    ).toEqual(['archive/log_group=']);
    expect(archivePartitionPrefixes()).toEqual(['archive/log_group=']);
  });

  it('lists a whole log group without since', () => {
    expect(archivePartitionPrefixes({ prefix: 'logs/prod/', logGroup: 'foo', until: 0 })).toEqual([
      'logs/prod/log_group=foo/dt=',
    ]);
  });

  it('narrows by time without a log group when the template puts time first', () => {
    expect(
      archivePartitionPrefixes({
        prefix: '',
        keyTemplate:
          'dt={yyyy}-{MM}-{dd}/{HH}/{logGroup}/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}.gz',
        since: Date.parse('2024-06-01T22:00:00Z'),
        until: Date.parse('2024-06-01T23:00:00Z'),
      }),
    ).toEqual(['dt=2024-06-01/22/', 'dt=2024-06-01/23/']);
  });

  it('defaults until to now', () => {
    const prefixes = archivePartitionPrefixes({ logGroup: 'foo', since: Date.now() - 30 * 60_000 });
    const hour = new Date().toISOString().slice(11, 13);
    expect(prefixes.at(-1)).toMatch(new RegExp(`hour=${hour}/$`));
  });

  it.each([
    [{ since: 'yesterday' }, 'The "since" filter must be a Date or a time in epoch milliseconds'],
    [{ since: new Date('nope') }, 'The "since" filter must be a Date'],
    [{ since: 2, until: 1 }, 'The "since" filter must not be after "until"'],
    [{ since: 0, until: 1e16 }, 'The "until" filter must be a valid time between'],
    [{ logGroup: 7 }, 'The "logGroup" filter must be a log group name or an array of names'],
    [{ prefix: '/abs' }, 'The "prefix" option must not start with "/"'],
    [{ keyTemplate: '{prefix}/{logGroup}' }, 'The "keyTemplate" option must contain {shardId}'],
  ])('rejects %j', (options, message) => {
    expect(() => archivePartitionPrefixes(options as never)).toThrow(S3ArchiveError);
    expect(() => archivePartitionPrefixes(options as never)).toThrow(message);
  });
});
