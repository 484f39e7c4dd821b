import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * One gzip object body holding lines `start` (inclusive) to `end` (exclusive).
 *
 * @example
 * ```ts
 * const part: GzipPart = { start: 0, end: 3, body };
 * ```
 */
export interface GzipPart {
  readonly start: number;
  readonly end: number;
  /** The gzip-compressed concatenation of the lines. */
  readonly body: Buffer;
}

/**
 * Compresses lines (each ending in `\n`) into as few gzip bodies as fit `maxBytes`: all of them
 * if they fit, otherwise the range is cut in two at its byte midpoint and each half packed the same
 * way. The result depends only on the lines and the limit, so the same lines always give the same
 * parts (and the same object keys). A single line is returned as its own part even when it is
 * larger than `maxBytes`; callers reject or accept those.
 *
 * Compression runs on libuv's thread pool, so timers and aborts stay responsive meanwhile.
 *
 * @example
 * ```ts
 * const parts = await packGzipParts(lines.map((line) => Buffer.from(`${line}\n`)), 8 * 1024 * 1024);
 * ```
 */
export async function packGzipParts(
  lines: readonly Buffer[],
  maxBytes: number,
): Promise<GzipPart[]> {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets.at(-1)! + line.byteLength);
  const parts: GzipPart[] = [];

  async function pack(start: number, end: number): Promise<void> {
    const body = await gzipAsync(
      end - start === 1 ? lines[start]! : Buffer.concat(lines.slice(start, end)),
    );
    if (body.byteLength <= maxBytes || end - start === 1) {
      parts.push({ start, end, body });
      return;
    }
    await pack(start, findByteMidpoint(start, end));
    await pack(findByteMidpoint(start, end), end);
  }

  function findByteMidpoint(start: number, end: number): number {
    const half = (offsets[start]! + offsets[end]!) / 2;
    let middle = start + 1;
    while (middle < end - 1 && offsets[middle + 1]! <= half) middle += 1;
    return middle;
  }

  if (lines.length > 0) await pack(0, lines.length);
  return parts;
}
