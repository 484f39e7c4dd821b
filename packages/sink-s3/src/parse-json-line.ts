import { createMalformedLineError } from './create-malformed-line-error';
import { describeReceived } from './describe-received';
import type { LineLocation } from './line-location';

/**
 * Parses one NDJSON line, turning a syntax error into a `malformed-line` `S3ArchiveError`.
 *
 * @example
 * ```ts
 * const value = parseJsonLine(line, { key, lineNumber: 3 }, 'dead-letter');
 * ```
 */
export function parseJsonLine(
  line: string,
  where: LineLocation,
  kind: 'archive' | 'dead-letter',
): unknown {
  if (typeof line !== 'string') {
    throw createMalformedLineError(
      where,
      kind,
      `a line must be a string; received ${describeReceived(line)}`,
    );
  }
  try {
    return JSON.parse(line);
  } catch (error) {
    throw createMalformedLineError(
      where,
      kind,
      `the line is not JSON (${error instanceof Error ? error.message : String(error)}); received ${describeReceived(line)}`,
      error,
    );
  }
}
