import { describe, expect, it } from 'vitest';
import { listTimePartitions } from './list-time-partitions';
import { maxPartitionTimestamp, minPartitionTimestamp, readUtcHour } from './read-utc-hour';

describe('listTimePartitions', () => {
  it('returns the single hour of a range inside one hour', () => {
    const time = Date.parse('2024-02-29T13:20:00Z');
    expect(listTimePartitions(time, time + 1000)).toEqual([
      { yyyy: '2024', MM: '02', dd: '29', HH: '13' },
    ]);
  });

  it('uses whole months, including February of a leap year', () => {
    expect(
      listTimePartitions(Date.parse('2024-02-01T00:00:00Z'), Date.parse('2024-03-01T00:00:00Z')),
    ).toEqual([
      { yyyy: '2024', MM: '02' },
      { yyyy: '2024', MM: '03', dd: '01', HH: '00' },
    ]);
  });

  it('reaches the first and last hours a partition can name', () => {
    expect(listTimePartitions(minPartitionTimestamp, minPartitionTimestamp)).toEqual([
      { yyyy: '0000', MM: '01', dd: '01', HH: '00' },
    ]);
    expect(listTimePartitions(Date.parse('9999-01-01T00:00:00Z'), maxPartitionTimestamp)).toEqual([
      { yyyy: '9999' },
    ]);
  });
});

describe('readUtcHour', () => {
  it('pads every part and refuses times a four-digit year cannot hold', () => {
    expect(readUtcHour(Date.parse('0042-03-04T05:06:07Z'))).toEqual({
      yyyy: '0042',
      MM: '03',
      dd: '04',
      HH: '05',
    });
    expect(readUtcHour(minPartitionTimestamp - 1)).toBeUndefined();
    expect(readUtcHour(maxPartitionTimestamp + 1)).toBeUndefined();
    expect(readUtcHour(Number.NaN)).toBeUndefined();
  });
});
