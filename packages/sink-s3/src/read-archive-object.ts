import type { SinkRecord } from '@logferry/sink';
import { createS3Client } from './create-s3-client';
import { S3ArchiveError } from './errors';
import { getS3Object } from './get-s3-object';
import { parseArchiveLine } from './parse-archive-line';
import { readObjectKey } from './read-object-key';
import type { S3ClientOptions } from './s3-client-options';
import { splitNdjsonObject } from './split-ndjson-object';

/**
 * Options of {@link readArchiveObject}.
 *
 * @example
 * ```ts
 * const options: ReadArchiveObjectOptions = { bucket: 'logs', key: object.key };
 * ```
 */
export interface ReadArchiveObjectOptions extends S3ClientOptions {
  /** The archive object's key (from `listS3Objects`). */
  readonly key: string;
  /**
   * Aborts the download.
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/**
 * One line of an archive object: the record, or the `malformed-line` error saying what is wrong
 * with it. Either way `key` and `lineNumber` (1-based) say where it is.
 *
 * @example
 * ```ts
 * const line: ArchiveLine = { ok: true, key, lineNumber: 1, record };
 * ```
 */
export type ArchiveLine =
  | {
      readonly ok: true;
      readonly key: string;
      readonly lineNumber: number;
      readonly record: SinkRecord;
    }
  | {
      readonly ok: false;
      readonly key: string;
      readonly lineNumber: number;
      readonly error: S3ArchiveError;
    };

/**
 * Downloads one archive object (signed GET) and yields its lines parsed back into `SinkRecord`s,
 * in the order they were written. A malformed line is yielded as `{ ok: false, error }` (code
 * `malformed-line`, with key and line number) and reading goes on: one bad line never hides the
 * rest of an object.
 *
 * @throws {S3ArchiveError} `object-not-found` (`NoSuchKey`), `invalid-object` (not gzip NDJSON).
 * @throws {SinkError} `invalid-options`, or the classified S3 failure.
 * @example
 * ```ts
 * for await (const line of readArchiveObject({ bucket: 'logs', key })) {
 *   if (line.ok) records.push(line.record);
 *   else console.warn(line.error.message); // "Malformed archive line (line 3 of archive/…): …"
 * }
 * ```
 */
export async function* readArchiveObject(
  options: ReadArchiveObjectOptions,
): AsyncGenerator<ArchiveLine, void, undefined> {
  const client = createS3Client(options, 's3');
  const key = readObjectKey(options.key, 's3');
  const body = await getS3Object(client, key, options.signal);
  for (const line of await splitNdjsonObject(body, key, 'archive')) {
    const { lineNumber } = line;
    if ('error' in line) {
      yield { ok: false, key, lineNumber, error: line.error };
      continue;
    }
    try {
      yield { ok: true, key, lineNumber, record: parseArchiveLine(line.text, { key, lineNumber }) };
    } catch (error) {
      if (!(error instanceof S3ArchiveError)) throw error;
      yield { ok: false, key, lineNumber, error };
    }
  }
}
