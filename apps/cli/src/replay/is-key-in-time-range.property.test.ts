import { encodeKeySegment } from '@logferry/sink-s3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInFilters } from './is-in-filters';
import { isKeyInTimeRange } from './is-key-in-time-range';

const hourMs = 3_600_000;

/** The archive key of an event, as sink-s3's default template partitions it (UTC hour). */
function archiveKeyOf(logGroup: string, timestamp: number): string {
  const iso = new Date(timestamp).toISOString();
  return `archive/log_group=${encodeKeySegment(logGroup)}/dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}/shardId-000000000000-1-0-0.ndjson.gz`;
}

describe('isKeyInTimeRange (property)', () => {
  it('never skips the object of an event the filters select, and skips hours wholly outside', () => {
    const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) });
    fc.assert(
      fc.property(time, time, time, fc.string(), (first, second, timestamp, logGroup) => {
        const filters = { since: Math.min(first, second), until: Math.max(first, second) };
        const key = archiveKeyOf(logGroup, timestamp);
        if (isInFilters(logGroup, timestamp, filters)) {
          expect(isKeyInTimeRange(key, filters)).toBe(true);
        }
        const hourStart = timestamp - (timestamp % hourMs);
        if (hourStart + hourMs <= filters.since || hourStart > filters.until) {
          expect(isKeyInTimeRange(key, filters)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
