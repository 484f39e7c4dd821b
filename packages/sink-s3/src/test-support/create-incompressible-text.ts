import { createHash } from 'node:crypto';

/**
 * Deterministic text gzip cannot shrink much (base64 of a SHA-512 chain), so object sizes in tests
 * are predictable.
 *
 * @example
 * ```ts
 * createIncompressibleText(1500, 'seed').length; // → 1500
 * ```
 */
export function createIncompressibleText(length: number, seed: string): string {
  let text = '';
  let block = createHash('sha512').update(seed).digest();
  while (text.length < length) {
    text += block.toString('base64');
    block = createHash('sha512').update(block).digest();
  }
  return text.slice(0, length);
}
