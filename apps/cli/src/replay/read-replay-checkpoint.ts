import { readFile } from 'node:fs/promises';
import { describeReceived } from './describe-received';
import { ReplayError } from './errors';
import type { ReplayMode } from './replay-mode';

/**
 * The checkpoint file: which source it belongs to and the keys of the objects whose events are
 * all settled (delivered, dead-lettered, or filtered out). Written as JSON, atomically.
 *
 * @example
 * ```ts
 * const checkpoint: ReplayCheckpoint = { version: 1, source: 's3://logs/archive', mode: 'archive', finished: false, updatedAt: '2024-06-01T00:00:00.000Z', completedKeys: [] };
 * ```
 */
export interface ReplayCheckpoint {
  readonly version: 1;
  /** `s3://bucket/prefix` as given to `--from`. */
  readonly source: string;
  readonly mode: ReplayMode;
  /** Whether the run that wrote it got to the end of the listing. */
  readonly finished: boolean;
  /** ISO-8601 time of the write. */
  readonly updatedAt: string;
  /** Keys of completed objects, sorted. */
  readonly completedKeys: readonly string[];
}

/**
 * Reads a checkpoint file and returns its completed keys; a file that does not exist yet is an
 * empty checkpoint (the first run of a resumable replay).
 *
 * @throws {ReplayError} `invalid-checkpoint` when the file cannot be read, is not a checkpoint,
 * or belongs to another source or mode (resuming it would skip the wrong objects).
 * @example
 * ```ts
 * const completed = await readReplayCheckpoint('replay.checkpoint.json', { source: 's3://logs/archive', mode: 'archive' });
 * ```
 */
export async function readReplayCheckpoint(
  path: string,
  expected: { readonly source: string; readonly mode: ReplayMode },
): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new ReplayError(
      `Cannot read the checkpoint file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { code: 'invalid-checkpoint', cause: error },
    );
  }
  let data: Partial<ReplayCheckpoint> | null;
  try {
    data = JSON.parse(text) as Partial<ReplayCheckpoint> | null;
  } catch (error) {
    throw new ReplayError(
      `The checkpoint file ${path} is not JSON (${error instanceof Error ? error.message : String(error)}); it must be a file written by 'logferry replay --checkpoint'. Received ${describeReceived(text)}`,
      { code: 'invalid-checkpoint', cause: error },
    );
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    data.version !== 1 ||
    !Array.isArray(data.completedKeys) ||
    data.completedKeys.some((key) => typeof key !== 'string')
  ) {
    throw new ReplayError(
      `The checkpoint file ${path} is not a logferry replay checkpoint (version 1 with a "completedKeys" array of strings); received ${describeReceived(data)}`,
      { code: 'invalid-checkpoint' },
    );
  }
  if (data.source !== expected.source || data.mode !== expected.mode) {
    throw new ReplayError(
      `The checkpoint file ${path} belongs to the ${String(data.mode)} replay of ${describeReceived(data.source)}, not to the ${expected.mode} replay of "${expected.source}"; use another --checkpoint file, or delete this one to start over`,
      { code: 'invalid-checkpoint' },
    );
  }
  return new Set(data.completedKeys);
}
