import { createHash } from 'node:crypto';

/**
 * Longest segment {@link encodeKeySegment} returns, in bytes (S3 keys are at most 1024).
 *
 * @example
 * ```ts
 * encodeKeySegment('/'.repeat(500)).length <= maxKeySegmentBytes; // → true
 * ```
 */
export const maxKeySegmentBytes = 200;

const hashHexLength = 16;
const hexDigits = '0123456789ABCDEF';

/**
 * Makes any string (a log group name, a sink name, a shard id) safe as one segment of an S3 key,
 * in Hive's style of percent-encoding partition values:
 *
 * - `A–Z a–z 0–9 _ -` are kept; `.` is kept unless it is the first character or follows another
 *   `.`, so a segment is never `.`, `..` or contains `..`;
 * - every other UTF-8 byte becomes `%XX` (upper-case hex): `/aws/lambda/checkout` →
 *   `%2Faws%2Flambda%2Fcheckout`. No `/`, so the value stays one segment;
 * - the result is at most {@link maxKeySegmentBytes} bytes: longer encodings are cut (never inside
 *   an escape) and end in `~` and 16 hex digits of the value's SHA-256, so distinct long values
 *   still get distinct segments. Only those cut segments are not reversible;
 * - the empty string becomes `~`.
 *
 * Deterministic: the same value always gives the same segment. Decode with
 * {@link decodeKeySegment}. Lone UTF-16 surrogates are encoded as U+FFFD, as UTF-8 requires.
 *
 * @example
 * ```ts
 * encodeKeySegment('/aws/lambda/checkout-api'); // → '%2Faws%2Flambda%2Fcheckout-api'
 * encodeKeySegment('../etc'); // → '%2E%2E%2Fetc'
 * ```
 */
export function encodeKeySegment(value: string): string {
  if (value.length === 0) return '~';
  const bytes = Buffer.from(value, 'utf8');
  let encoded = '';
  // A leading dot is escaped like a dot that follows a dot.
  let previousWasDot = true;
  for (const byte of bytes) {
    const isDot = byte === 0x2e;
    if (isKeptByte(byte) || (isDot && !previousWasDot)) {
      encoded += String.fromCharCode(byte);
    } else {
      encoded += `%${hexDigits[byte >> 4]}${hexDigits[byte & 15]}`;
    }
    previousWasDot = isDot;
  }
  if (encoded.length <= maxKeySegmentBytes) return encoded;
  let cut = maxKeySegmentBytes - 1 - hashHexLength;
  if (encoded[cut - 1] === '%') cut -= 1;
  else if (encoded[cut - 2] === '%') cut -= 2;
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, hashHexLength);
  return `${encoded.slice(0, cut)}~${digest}`;
}

function isKeptByte(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    byte === 0x5f || // _
    byte === 0x2d // -
  );
}
