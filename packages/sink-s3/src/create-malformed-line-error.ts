import { S3ArchiveError } from './errors';
import type { LineLocation } from './line-location';

/**
 * Builds the `malformed-line` error: where, what rule, what was received.
 *
 * @example
 * ```ts
 * throw createMalformedLineError({ key, lineNumber: 3 }, 'archive', '"id" must be a string; received number 1');
 * ```
 */
export function createMalformedLineError(
  where: LineLocation,
  kind: 'archive' | 'dead-letter',
  problem: string,
  cause?: unknown,
): S3ArchiveError {
  const location = [
    where.lineNumber === undefined ? undefined : `line ${where.lineNumber}`,
    where.key === undefined ? undefined : `of ${where.key}`,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
  return new S3ArchiveError(
    `Malformed ${kind} line${location === '' ? '' : ` (${location})`}: ${problem}.`,
    { code: 'malformed-line', key: where.key, lineNumber: where.lineNumber, cause },
  );
}
