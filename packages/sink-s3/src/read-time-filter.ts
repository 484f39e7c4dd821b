import { describeReceived } from './describe-received';
import { S3ArchiveError } from './errors';

/**
 * Reads an optional `since`/`until` filter given as a `Date` or epoch milliseconds.
 *
 * @throws {S3ArchiveError} `invalid-options` for anything else, or an invalid `Date`.
 * @example
 * ```ts
 * readTimeFilter('since', new Date('2024-06-01T00:00:00Z')); // → 1717200000000
 * ```
 */
export function readTimeFilter(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const time = value instanceof Date ? value.getTime() : value;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new S3ArchiveError(
      `The "${name}" filter must be a Date or a time in epoch milliseconds; received ${describeReceived(value)}.`,
      { code: 'invalid-options' },
    );
  }
  return time;
}
