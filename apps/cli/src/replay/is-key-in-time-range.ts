import type { ReplayFilters } from './replay-filters';

const hourPartition = /(?:^|\/)dt=(\d{4})-(\d{2})-(\d{2})\/hour=(\d{2})\//;
const hourMs = 3_600_000;

/**
 * Tells whether an object's `dt=…/hour=…` partition (archive and dead-letter layouts alike) can
 * hold times inside the filter's range, so objects of other hours are never downloaded. A key
 * without such a partition is kept: only its lines can tell.
 *
 * @example
 * ```ts
 * isKeyInTimeRange('archive/log_group=x/dt=2024-06-01/hour=00/a.ndjson.gz', { since: Date.parse('2024-06-01T01:00:00Z') }); // false
 * ```
 */
export function isKeyInTimeRange(key: string, filters: ReplayFilters): boolean {
  if (filters.since === undefined && filters.until === undefined) return true;
  const match = hourPartition.exec(key);
  if (match === null) return true;
  const [, year, month, day, hour] = match;
  const start = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour));
  if (filters.since !== undefined && start + hourMs <= filters.since) return false;
  if (filters.until !== undefined && start > filters.until) return false;
  return true;
}
