/**
 * A message cut to a byte limit.
 *
 * @example
 * ```ts
 * const truncation: Utf8Truncation = { text: 'abc', originalBytes: 10 };
 * ```
 */
export interface Utf8Truncation {
  /** The longest prefix that fits, never ending inside a character or surrogate pair. */
  readonly text: string;
  /** Size of the whole message in UTF-8 bytes. */
  readonly originalBytes: number;
}

/**
 * Creates a truncator for one byte limit, reusing one buffer across calls.
 *
 * @example
 * ```ts
 * const truncate: Utf8Truncator = createUtf8Truncator(4);
 * truncate('héllo'); // { text: 'hél', originalBytes: 6 }
 * ```
 */
export type Utf8Truncator = (text: string) => Utf8Truncation | undefined;

/**
 * Returns a function that cuts text to at most `maxBytes` UTF-8 bytes on a character boundary, or
 * returns `undefined` when the text fits. Short text is recognised without measuring (a UTF-16
 * code unit is at most 3 bytes); `TextEncoder#encodeInto` then writes only whole characters, so
 * the cut never splits a multi-byte sequence or a surrogate pair.
 *
 * @example
 * ```ts
 * const truncate = createUtf8Truncator(262_144);
 * truncate('short line'); // undefined
 * ```
 */
export function createUtf8Truncator(maxBytes: number): Utf8Truncator {
  const encoder = new TextEncoder();
  let buffer: Uint8Array | undefined;
  return (text) => {
    if (text.length * 3 <= maxBytes) return undefined;
    const originalBytes = Buffer.byteLength(text, 'utf8');
    if (originalBytes <= maxBytes) return undefined;
    // Allocated on first use: most mappers never truncate anything.
    buffer ??= new Uint8Array(maxBytes);
    const { read } = encoder.encodeInto(text, buffer);
    return { text: text.slice(0, read), originalBytes };
  };
}
