import { DecodeError } from './errors';

/**
 * The `too-large` error both inflaters throw when the output would pass the cap.
 *
 * @example
 * ```ts
 * throw createTooLargeError(16_777_216, compressed.length);
 * ```
 */
export function createTooLargeError(
  maxDecompressedBytes: number,
  compressedLength: number,
  cause?: unknown,
): DecodeError {
  return new DecodeError(
    `Decompressed payload is too large: it exceeds maxDecompressedBytes (${maxDecompressedBytes} bytes), so inflating stopped at the cap; received ${compressedLength} bytes of gzip data`,
    { code: 'too-large', cause },
  );
}
