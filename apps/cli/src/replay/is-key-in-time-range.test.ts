import { describe, expect, it } from 'vitest';
import { isKeyInTimeRange } from './is-key-in-time-range';

const key = (day: string, hour: string) =>
  `archive/log_group=%2Fx/dt=2024-06-${day}/hour=${hour}/shardId-0-1-0-3.ndjson.gz`;

describe('isKeyInTimeRange', () => {
  it('keeps an hour partition that overlaps the range, at both edges', () => {
    const filters = { since: Date.UTC(2024, 5, 1, 3, 30), until: Date.UTC(2024, 5, 1, 8, 0) };
    expect(isKeyInTimeRange(key('01', '02'), filters)).toBe(false);
    expect(isKeyInTimeRange(key('01', '03'), filters)).toBe(true);
    expect(isKeyInTimeRange(key('01', '08'), filters)).toBe(true);
    expect(isKeyInTimeRange(key('01', '09'), filters)).toBe(false);
    expect(isKeyInTimeRange(key('02', '05'), filters)).toBe(false);
  });

  it('applies one bound alone', () => {
    expect(isKeyInTimeRange(key('01', '00'), { until: Date.UTC(2024, 5, 1, 0, 0) })).toBe(true);
    expect(isKeyInTimeRange(key('01', '01'), { until: Date.UTC(2024, 5, 1, 0, 59) })).toBe(false);
    expect(isKeyInTimeRange(key('01', '00'), { since: Date.UTC(2024, 5, 1, 1) })).toBe(false);
  });

  it('keeps keys without an hour partition and everything without a time filter', () => {
    expect(isKeyInTimeRange('custom/layout/object.ndjson.gz', { since: 0, until: 1 })).toBe(true);
    expect(isKeyInTimeRange(key('01', '00'), { logGroups: ['x'] })).toBe(true);
  });

  it('reads dead-letter keys the same way', () => {
    expect(
      isKeyInTimeRange(
        'dead-letter/kind=rejected-record/dt=2024-06-01/hour=05/elasticsearch-s-1-abc.ndjson.gz',
        {
          since: Date.UTC(2024, 5, 1, 6),
        },
      ),
    ).toBe(false);
  });
});
