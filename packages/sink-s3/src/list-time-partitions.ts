import { describeReceived } from './describe-received';
import { S3ArchiveError } from './errors';
import { maxPartitionTimestamp, minPartitionTimestamp, readUtcHour } from './read-utc-hour';

/**
 * A whole UTC year, month, day or hour, as the partition values that name it. Coarser units leave
 * the finer fields out.
 *
 * @example
 * ```ts
 * const june: TimePartition = { yyyy: '2024', MM: '06' };
 * ```
 */
export interface TimePartition {
  readonly yyyy: string;
  readonly MM?: string;
  readonly dd?: string;
  readonly HH?: string;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * Covers the hours from `since` to `until` (both inclusive, by the hour they fall in) with as few
 * partitions as possible: whole years, then whole months, whole days, and single hours at the
 * edges. Listing by these prefixes reads exactly the selected hours.
 *
 * @throws {S3ArchiveError} `invalid-options` when a bound is not a valid time in years 0000–9999
 * or `since` is after `until`.
 * @example
 * ```ts
 * listTimePartitions(Date.parse('2024-06-01T22:00Z'), Date.parse('2024-06-03T00:30Z'));
 * // → [{ yyyy: '2024', MM: '06', dd: '01', HH: '22' }, { …HH: '23' }, { yyyy: '2024', MM: '06', dd: '02' }, { …dd: '03', HH: '00' }]
 * ```
 */
export function listTimePartitions(since: number, until: number): TimePartition[] {
  for (const [name, value] of [
    ['since', since],
    ['until', until],
  ] as const) {
    if (readUtcHour(value) === undefined) {
      throw new S3ArchiveError(
        `The "${name}" filter must be a valid time between ${new Date(minPartitionTimestamp).toISOString()} and ${new Date(maxPartitionTimestamp).toISOString()}; received ${describeReceived(value)}.`,
        { code: 'invalid-options' },
      );
    }
  }
  if (since > until) {
    throw new S3ArchiveError(
      `The "since" filter must not be after "until"; received since ${new Date(since).toISOString()} and until ${new Date(until).toISOString()}.`,
      { code: 'invalid-options' },
    );
  }
  const end = floorToHour(until) + hourMs;
  const partitions: TimePartition[] = [];
  let time = floorToHour(since);
  while (time < end) {
    const date = new Date(time);
    const hour = readUtcHour(time)!;
    const atDayStart = date.getUTCHours() === 0;
    const atMonthStart = atDayStart && date.getUTCDate() === 1;
    const nextMonth = addUtcMonths(date, 1);
    const nextYear = addUtcMonths(date, 12);
    if (atMonthStart && date.getUTCMonth() === 0 && nextYear <= end) {
      partitions.push({ yyyy: hour.yyyy });
      time = nextYear;
    } else if (atMonthStart && nextMonth <= end) {
      partitions.push({ yyyy: hour.yyyy, MM: hour.MM });
      time = nextMonth;
    } else if (atDayStart && time + dayMs <= end) {
      partitions.push({ yyyy: hour.yyyy, MM: hour.MM, dd: hour.dd });
      time += dayMs;
    } else {
      partitions.push(hour);
      time += hourMs;
    }
  }
  return partitions;
}

function floorToHour(time: number): number {
  return Math.floor(time / hourMs) * hourMs;
}

function addUtcMonths(date: Date, months: number): number {
  const next = new Date(date.getTime());
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  next.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
  next.setUTCHours(0, 0, 0, 0);
  return next.getTime();
}
