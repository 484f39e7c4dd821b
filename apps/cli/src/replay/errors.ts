/**
 * Machine-readable reasons `logferry replay` stops.
 *
 * | code | meaning | exit status |
 * | --- | --- | --- |
 * | `invalid-arguments` | a flag or its value is wrong | 2 |
 * | `invalid-config` | the sink settings (flags, `--config` file, environment) are wrong | 2 |
 * | `invalid-checkpoint` | the checkpoint file is unreadable or belongs to another source | 2 |
 * | `checkpoint-failed` | the checkpoint file could not be written | 1 |
 * | `source-failed` | the S3 source could not be listed or read (after retries) | 1 |
 * | `sink-failed` | a destination failed as a whole (credentials, configuration) | 1 |
 *
 * @example
 * ```ts
 * const code: ReplayErrorCode = 'invalid-arguments';
 * ```
 */
export type ReplayErrorCode =
  | 'invalid-arguments'
  | 'invalid-config'
  | 'invalid-checkpoint'
  | 'checkpoint-failed'
  | 'source-failed'
  | 'sink-failed';

/**
 * Options of a {@link ReplayError}.
 *
 * @example
 * ```ts
 * const options: ReplayErrorOptions = { code: 'source-failed', retryable: true, cause: error };
 * ```
 */
export interface ReplayErrorOptions {
  readonly code: ReplayErrorCode;
  /**
   * Whether running the same command again later may succeed.
   * @default false
   */
  readonly retryable?: boolean;
  /**
   * One sentence per problem, for errors that collect several (`invalid-config`).
   * @default [the message]
   */
  readonly problems?: readonly string[];
  /**
   * The underlying error.
   * @default undefined
   */
  readonly cause?: unknown;
}

/**
 * Why `logferry replay` could not start or had to stop. The message says what was wrong, the
 * rule, and what was received (cut short); it never contains credentials.
 *
 * @example
 * ```ts
 * try {
 *   parseReplayArgs(['--concurrency', '0']);
 * } catch (error) {
 *   if (isReplayError(error) && error.code === 'invalid-arguments') console.error(error.message);
 * }
 * ```
 */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
  readonly code: ReplayErrorCode;
  readonly retryable: boolean;
  /** Every problem found, one sentence each (a single entry unless several were collected). */
  readonly problems: readonly string[];

  constructor(message: string, options: ReplayErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    this.problems = options.problems ?? [message];
  }
}

/**
 * Tells a {@link ReplayError} apart from other errors (also one from another copy of the module).
 *
 * @example
 * ```ts
 * if (isReplayError(error)) process.exitCode = error.code.startsWith('invalid-') ? 2 : 1;
 * ```
 */
export function isReplayError(value: unknown): value is ReplayError {
  return (
    value instanceof ReplayError ||
    (value instanceof Error &&
      value.name === 'ReplayError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
