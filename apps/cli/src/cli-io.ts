/**
 * Where a command writes text: `process.stdout`/`process.stderr`, or a collector in tests.
 *
 * @example
 * ```ts
 * const output: CliOutput = { write: (text) => chunks.push(text) };
 * ```
 */
export interface CliOutput {
  write(text: string): unknown;
  /**
   * Whether a terminal is attached (progress lines are drawn only there).
   * @default undefined (not a terminal)
   */
  readonly isTTY?: boolean;
}

/**
 * The streams a command talks to, injected so tests can run commands in-process.
 *
 * @example
 * ```ts
 * const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
 * ```
 */
export interface CliIo {
  /** Standard input; `isTTY` tells whether a person rather than a pipe is attached. */
  readonly stdin: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean };
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /**
   * The environment variables a command reads its settings from.
   * @default process.env
   */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /**
   * Fires when the user interrupts (Ctrl-C): long-running commands stop cleanly.
   * @default undefined (never)
   */
  readonly signal?: AbortSignal;
}
