import { Readable } from 'node:stream';
import type { CliIo } from './cli-io';

/**
 * In-memory streams for running a command in-process: `stdin` yields `input`, and everything
 * written to stdout/stderr is collected.
 *
 * @example
 * ```ts
 * const io = createTestIo('H4sI…');
 * const exitCode = await runDecodeCommand([], io);
 * expect(io.stdoutText()).toBe('…\n');
 * ```
 */
export function createTestIo(
  input = '',
  options: { readonly isTTY?: boolean } = {},
): CliIo & { stdoutText(): string; stderrText(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const stdin = Object.assign(Readable.from([Buffer.from(input)]), { isTTY: options.isTTY });
  return {
    stdin,
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    stdoutText: () => stdout.join(''),
    stderrText: () => stderr.join(''),
  };
}
