/**
 * `0000-01-01T00:00:00.000Z`: the earliest time a four-digit `{yyyy}` partition can hold.
 *
 * @example
 * ```ts
 * readUtcHour(minPartitionTimestamp); // → { yyyy: '0000', MM: '01', dd: '01', HH: '00' }
 * ```
 */
export const minPartitionTimestamp = -62_167_219_200_000;
/**
 * `9999-12-31T23:59:59.999Z`: the latest time a four-digit `{yyyy}` partition can hold.
 *
 * @example
 * ```ts
 * readUtcHour(maxPartitionTimestamp + 1); // → undefined
 * ```
 */
export const maxPartitionTimestamp = 253_402_300_799_999;

/**
 * The UTC calendar parts of an hour, zero-padded as they appear in partition keys.
 *
 * @example
 * ```ts
 * const hour: UtcHour = { yyyy: '2024', MM: '06', dd: '01', HH: '00' };
 * ```
 */
export interface UtcHour {
  readonly yyyy: string;
  readonly MM: string;
  readonly dd: string;
  readonly HH: string;
}

/**
 * Splits a time in epoch milliseconds into zero-padded UTC year, month, day and hour, or returns
 * `undefined` when it is not a finite time between years 0000 and 9999 (a partition could not
 * name it).
 *
 * @example
 * ```ts
 * readUtcHour(1717200000000); // → { yyyy: '2024', MM: '06', dd: '01', HH: '00' }
 * ```
 */
export function readUtcHour(timestamp: number): UtcHour | undefined {
  if (
    typeof timestamp !== 'number' ||
    !Number.isFinite(timestamp) ||
    timestamp < minPartitionTimestamp ||
    timestamp > maxPartitionTimestamp
  ) {
    return undefined;
  }
  const date = new Date(timestamp);
  return {
    yyyy: String(date.getUTCFullYear()).padStart(4, '0'),
    MM: String(date.getUTCMonth() + 1).padStart(2, '0'),
    dd: String(date.getUTCDate()).padStart(2, '0'),
    HH: String(date.getUTCHours()).padStart(2, '0'),
  };
}
