import { createHash } from 'node:crypto';

/**
 * Deterministic text that gzip cannot shrink much (base64 of a hash chain), so a body built from
 * it stays large after compression and a byte limit cannot be met by compressing alone.
 *
 * @example
 * ```ts
 * createIncompressibleText(1024, 'seed').length; // 1024
 * ```
 */
export function createIncompressibleText(length: number, seed: string): string {
  const parts: string[] = [];
  let size = 0;
  let block = createHash('sha512').update(seed).digest();
  while (size < length) {
    const text = block.toString('base64');
    parts.push(text);
    size += text.length;
    block = createHash('sha512').update(block).digest();
  }
  return parts.join('').slice(0, length);
}
