import type { SinkRecord } from '@logferry/sink';
import { fromArchiveLineFields } from './archive-line-fields';
import { createMalformedLineError } from './create-malformed-line-error';
import type { LineLocation } from './line-location';
import { parseJsonLine } from './parse-json-line';

/**
 * Parses one archive line (see {@link encodeArchiveLine}) back into a `SinkRecord`. Unknown
 * fields are ignored, so later versions of the format may add some.
 *
 * @throws {S3ArchiveError} `malformed-line` (with `key` and `lineNumber` when given) when the line
 * is not JSON or a field is missing or of the wrong type.
 * @example
 * ```ts
 * const record = parseArchiveLine(line, { key, lineNumber: 1 });
 * ```
 */
export function parseArchiveLine(line: string, where: LineLocation = {}): SinkRecord {
  const result = fromArchiveLineFields(parseJsonLine(line, where, 'archive'));
  if (typeof result === 'string') throw createMalformedLineError(where, 'archive', result);
  return result;
}
