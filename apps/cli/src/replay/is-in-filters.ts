import type { ReplayFilters } from './replay-filters';

/**
 * Tells whether an event (its log group and time) is selected by the filters. `logGroup` is
 * `undefined` when it is not known (an undecodable dead letter), which passes the log-group filter
 * only when there is none.
 *
 * @example
 * ```ts
 * isInFilters('/aws/lambda/x', 1717200000000, { logGroups: ['/aws/lambda/x'], since: 1717200000000 }); // true
 * ```
 */
export function isInFilters(
  logGroup: string | undefined,
  time: number,
  filters: ReplayFilters,
): boolean {
  if (
    filters.logGroups !== undefined &&
    (logGroup === undefined || !filters.logGroups.includes(logGroup))
  ) {
    return false;
  }
  if (filters.since !== undefined && time < filters.since) return false;
  if (filters.until !== undefined && time > filters.until) return false;
  return true;
}
