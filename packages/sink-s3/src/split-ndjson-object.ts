import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { createMalformedLineError } from './create-malformed-line-error';
import { describeKey } from './describe-key';
import { S3ArchiveError } from './errors';

const gunzipAsync = promisify(gunzip);

/**
 * One line of an NDJSON object: its text, or why it could not be read as text.
 *
 * @example
 * ```ts
 * const line: NdjsonObjectLine = { lineNumber: 1, text: '{"id":"1"}' };
 * ```
 */
export type NdjsonObjectLine =
  | { readonly lineNumber: number; readonly text: string }
  | { readonly lineNumber: number; readonly error: S3ArchiveError };

/**
 * Splits an object body into lines: gunzips it when it starts with the gzip magic bytes (`fetch`
 * may already have decoded a stored `content-encoding: gzip`), then cuts at `\n`. A `\r` before
 * the `\n` and the empty piece after a final `\n` are dropped. A line that is empty or not UTF-8
 * comes back as a `malformed-line` error, and the lines after it are still read.
 *
 * @throws {S3ArchiveError} `invalid-object` when the gzip stream is corrupt or truncated.
 * @example
 * ```ts
 * for (const line of await splitNdjsonObject(bytes, 'archive/x.ndjson.gz', 'archive')) { … }
 * ```
 */
export async function splitNdjsonObject(
  body: Uint8Array,
  key: string,
  kind: 'archive' | 'dead-letter',
): Promise<NdjsonObjectLine[]> {
  let bytes: Uint8Array = body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      bytes = await gunzipAsync(body);
    } catch (error) {
      throw new S3ArchiveError(
        `The object ${describeKey(key)} starts like gzip but does not decompress (${error instanceof Error ? error.message : String(error)}); ${kind} objects are gzip-compressed NDJSON.`,
        { code: 'invalid-object', key, cause: error },
      );
    }
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines: NdjsonObjectLine[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const contentEnd = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    lineNumber += 1;
    const where = { key, lineNumber };
    if (contentEnd === start) {
      lines.push({ lineNumber, error: createMalformedLineError(where, kind, 'the line is empty') });
    } else {
      try {
        lines.push({ lineNumber, text: decoder.decode(bytes.subarray(start, contentEnd)) });
      } catch (error) {
        lines.push({
          lineNumber,
          error: createMalformedLineError(where, kind, 'the line is not valid UTF-8', error),
        });
      }
    }
    start = end + 1;
  }
  return lines;
}
