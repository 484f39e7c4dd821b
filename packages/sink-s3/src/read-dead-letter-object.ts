import type { DeadLetterEntry } from '@logferry/sink';
import { createS3Client } from './create-s3-client';
import { S3ArchiveError } from './errors';
import { getS3Object } from './get-s3-object';
import { parseDeadLetterLine } from './parse-dead-letter-line';
import { readObjectKey } from './read-object-key';
import type { S3ClientOptions } from './s3-client-options';
import { splitNdjsonObject } from './split-ndjson-object';

/**
 * Options of {@link readDeadLetterObject}.
 *
 * @example
 * ```ts
 * const options: ReadDeadLetterObjectOptions = { bucket: 'logs', key: object.key };
 * ```
 */
export interface ReadDeadLetterObjectOptions extends S3ClientOptions {
  /** The dead-letter object's key (from `listS3Objects`). */
  readonly key: string;
  /**
   * Aborts the download.
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/**
 * One line of a dead-letter object: the entry, or the `malformed-line` error saying what is wrong
 * with it, with the object key and 1-based line number.
 *
 * @example
 * ```ts
 * const line: DeadLetterLine = { ok: true, key, lineNumber: 1, entry };
 * ```
 */
export type DeadLetterLine =
  | {
      readonly ok: true;
      readonly key: string;
      readonly lineNumber: number;
      readonly entry: DeadLetterEntry;
    }
  | {
      readonly ok: false;
      readonly key: string;
      readonly lineNumber: number;
      readonly error: S3ArchiveError;
    };

/**
 * Downloads one dead-letter object (signed GET) and yields its entries (`rejected-record` with the
 * record as a `SinkRecord`, or `undecodable-record` with the original base64 data). Malformed
 * lines are yielded as `{ ok: false, error }` and reading goes on.
 *
 * @throws {S3ArchiveError} `object-not-found` (`NoSuchKey`), `invalid-object` (not gzip NDJSON).
 * @throws {SinkError} `invalid-options`, or the classified S3 failure.
 * @example
 * ```ts
 * for await (const line of readDeadLetterObject({ bucket: 'logs', key })) {
 *   if (line.ok && line.entry.kind === 'rejected-record') replay.push(line.entry.record);
 * }
 * ```
 */
export async function* readDeadLetterObject(
  options: ReadDeadLetterObjectOptions,
): AsyncGenerator<DeadLetterLine, void, undefined> {
  const client = createS3Client(options, 's3');
  const key = readObjectKey(options.key, 's3');
  const body = await getS3Object(client, key, options.signal);
  for (const line of await splitNdjsonObject(body, key, 'dead-letter')) {
    const { lineNumber } = line;
    if ('error' in line) {
      yield { ok: false, key, lineNumber, error: line.error };
      continue;
    }
    try {
      const entry = parseDeadLetterLine(line.text, { key, lineNumber });
      yield { ok: true, key, lineNumber, entry };
    } catch (error) {
      if (!(error instanceof S3ArchiveError)) throw error;
      yield { ok: false, key, lineNumber, error };
    }
  }
}
