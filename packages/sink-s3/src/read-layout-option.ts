import { SinkError } from '@logferry/sink';
import { S3ArchiveError } from './errors';

/**
 * Runs a key-layout validator (`normalizeKeyPrefix`, `compileKeyTemplate`) for a constructor and
 * turns its `S3ArchiveError` into the `SinkError` `invalid-options` that constructors throw, with
 * the same message (it already names the option, the rule and what was received) and the original
 * as `cause`.
 *
 * @example
 * ```ts
 * const prefix = readLayoutOption('s3', () => normalizeKeyPrefix(options.prefix ?? 'archive', 'prefix'));
 * ```
 */
export function readLayoutOption<T>(sink: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof S3ArchiveError)) throw error;
    throw new SinkError(error.message, {
      code: 'invalid-options',
      retryable: false,
      sink,
      cause: error,
    });
  }
}
