import { format } from 'node:util';

/**
 * Output captured by {@link captureOutput}.
 *
 * @example
 * ```ts
 * const capture = captureOutput();
 * try { await sink.send(records); } finally { capture.restore(); }
 * capture.text();
 * ```
 */
export interface OutputCapture {
  /** Everything written since the capture started, formatted as the console would print it. */
  text(): string;
  /** Puts the original console methods and stream writers back. Safe to call twice. */
  restore(): void;
}

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;
type WriteFunction = typeof process.stdout.write;

/**
 * Records what code writes to `console.*`, `process.stdout` and `process.stderr` while still
 * letting it through, so a test can check that no credential was logged.
 *
 * @example
 * ```ts
 * const capture = captureOutput();
 * console.log('hello');
 * capture.restore();
 * capture.text(); // 'hello'
 * ```
 */
export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const originalConsole = consoleMethods.map((method) => [method, console[method]] as const);
  for (const [method, original] of originalConsole) {
    console[method] = (...values: unknown[]) => {
      chunks.push(format(...values));
      (original as (...values: unknown[]) => void).apply(console, values);
    };
  }
  const streams = [process.stdout, process.stderr];
  const originalWrites = streams.map((stream) => stream.write);
  streams.forEach((stream, index) => {
    const original = originalWrites[index]!;
    stream.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      chunks.push(
        typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
      );
      return (original as (...values: unknown[]) => boolean).call(stream, chunk, ...rest);
    } as WriteFunction;
  });

  let restored = false;
  return {
    text: () => chunks.join('\n'),
    restore: () => {
      if (restored) return;
      restored = true;
      for (const [method, original] of originalConsole) console[method] = original as never;
      streams.forEach((stream, index) => {
        stream.write = originalWrites[index]!;
      });
    },
  };
}
