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
}
