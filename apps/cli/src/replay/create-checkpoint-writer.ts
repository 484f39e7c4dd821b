import { open, rename, rm } from 'node:fs/promises';
import { ReplayError } from './errors';
import type { ReplayCheckpoint } from './read-replay-checkpoint';
import type { ReplayMode } from './replay-mode';

/**
 * Keeps a checkpoint file up to date while a replay runs.
 *
 * @example
 * ```ts
 * const writer = createCheckpointWriter({ path, source, mode: 'archive', completedKeys });
 * writer.add(object.key);
 * await writer.close({ finished: true });
 * ```
 */
export interface CheckpointWriter {
  /** Records a completed object; written within `intervalMs`. */
  add(key: string): void;
  /** Writes now if anything changed since the last write, and waits for it. */
  flush(): Promise<void>;
  /** Writes the final state (with `finished`) and stops the timer. */
  close(options: { readonly finished: boolean }): Promise<void>;
  /** The first write failure, if any (the run stops on it). */
  readonly failure: ReplayError | undefined;
}

/**
 * Options of {@link createCheckpointWriter}.
 *
 * @example
 * ```ts
 * const options: CheckpointWriterOptions = { path: 'replay.checkpoint.json', source: 's3://logs/archive', mode: 'archive', completedKeys: new Set() };
 * ```
 */
export interface CheckpointWriterOptions {
  readonly path: string;
  readonly source: string;
  readonly mode: ReplayMode;
  /** Keys already completed (from the file being resumed); the writer adds to this set. */
  readonly completedKeys: Set<string>;
  /**
   * Shortest time between two writes, in ms: a crash loses at most this much progress, which
   * the next run re-sends (idempotently).
   * @default 1000
   */
  readonly intervalMs?: number;
  /**
   * Current time, for `updatedAt`.
   * @default Date.now
   */
  readonly now?: () => number;
}

/**
 * Creates a {@link CheckpointWriter}. Every write goes to a temporary file next to the checkpoint
 * (same directory, so the same file system), is flushed to disk, then renamed over the
 * checkpoint: a reader — or a crash at any moment — only ever sees a complete old or complete new
 * file. Writes never overlap; changes made during one are written by the next.
 *
 * @example
 * ```ts
 * const writer = createCheckpointWriter({ path: 'replay.checkpoint.json', source: 's3://logs/archive', mode: 'archive', completedKeys: new Set() });
 * await writer.flush(); // fails early when the directory is not writable
 * ```
 */
export function createCheckpointWriter(options: CheckpointWriterOptions): CheckpointWriter {
  const intervalMs = options.intervalMs ?? 1000;
  const now = options.now ?? Date.now;
  const keys = options.completedKeys;
  let dirty = true;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let failure: ReplayError | undefined;
  let finished = false;
  let sequence = 0;

  async function writeOnce(): Promise<void> {
    if (!dirty || failure !== undefined) return;
    dirty = false;
    const checkpoint: ReplayCheckpoint = {
      version: 1,
      source: options.source,
      mode: options.mode,
      finished,
      updatedAt: new Date(now()).toISOString(),
      completedKeys: [...keys].sort(),
    };
    sequence += 1;
    const temporary = `${options.path}.${process.pid}.${sequence}.tmp`;
    try {
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(`${JSON.stringify(checkpoint, null, 1)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, options.path);
    } catch (error) {
      // The failed write is the error to report; a temporary file that cannot be removed either
      // is harmless (it is never read) and must not hide it.
      await rm(temporary, { force: true }).catch(() => undefined);
      failure = new ReplayError(
        `Cannot write the checkpoint file ${options.path}: ${error instanceof Error ? error.message : String(error)}`,
        { code: 'checkpoint-failed', cause: error },
      );
    }
  }

  function write(): Promise<void> {
    running = running.then(writeOnce);
    return running;
  }

  return {
    add(key) {
      keys.add(key);
      dirty = true;
      if (timer === undefined && failure === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          void write();
        }, intervalMs);
        // A pending write must not keep the process alive: close() writes the final state.
        timer.unref();
      }
    },
    async flush() {
      await write();
      if (failure !== undefined) throw failure;
    },
    async close(closeOptions) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      finished = closeOptions.finished;
      dirty = true;
      await write();
      if (failure !== undefined) throw failure;
    },
    get failure() {
      return failure;
    },
  };
}
