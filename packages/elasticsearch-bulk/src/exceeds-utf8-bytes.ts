/**
 * Tells whether a string is longer than `maxBytes` in UTF-8, measuring only when it could be.
 *
 * @example
 * ```ts
 * exceedsUtf8Bytes('é'.repeat(300), 512); // true: 600 bytes
 * exceedsUtf8Bytes('e'.repeat(300), 512); // false, decided without measuring
 * ```
 */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  // One UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no measuring.
  return text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes;
}
