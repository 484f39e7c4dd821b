import { encodeKeySegment } from './encode-key-segment';

/**
 * Reverses {@link encodeKeySegment}: returns the original value, or `undefined` when the segment
 * was cut to the length limit (it ends in `~` and a hash) or was not produced by
 * `encodeKeySegment` at all (lower-case escapes, characters it never writes, invalid UTF-8).
 *
 * @example
 * ```ts
 * decodeKeySegment('%2Faws%2Flambda%2Fcheckout-api'); // → '/aws/lambda/checkout-api'
 * decodeKeySegment('abc~0123456789abcdef'); // → undefined (a cut segment)
 * ```
 */
export function decodeKeySegment(segment: string): string | undefined {
  if (segment === '~') return '';
  if (!/^[A-Za-z0-9_.%-]+$/.test(segment)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not percent-encoded UTF-8, so not one of ours: there is no value to give back.
    return undefined;
  }
  // Only the canonical form decodes, so every value has exactly one segment.
  return encodeKeySegment(decoded) === segment ? decoded : undefined;
}
