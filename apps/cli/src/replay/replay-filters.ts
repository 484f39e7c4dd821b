/**
 * Which events a replay selects. The listing is narrowed to the partitions the filters select,
 * and each event (archive) or entry (dead letters) is checked again, because partitions are whole
 * hours.
 *
 * @example
 * ```ts
 * const filters: ReplayFilters = { logGroups: ['/aws/lambda/checkout-api'], since: Date.parse('2024-06-01T00:00:00Z') };
 * ```
 */
export interface ReplayFilters {
  /**
   * Only these log groups.
   * @default every log group
   */
  readonly logGroups?: readonly string[];
  /**
   * Only events (archive: the event's timestamp; dead letters: `failedAt`) at or after this time, epoch ms.
   * @default no lower bound
   */
  readonly since?: number;
  /**
   * Only events at or before this time, epoch ms.
   * @default no upper bound (the listing stops at the current hour)
   */
  readonly until?: number;
}
