import { BASE64_ALPHABET } from './base64-alphabet';
import { describeText } from './describe-received';
import { DecodeError } from './errors';
import { findBase64Problem } from './find-base64-problem';
import type { NodeRuntime } from './load-node-runtime';

const EQUALS = 0x3d;
const ASCII_WHITESPACE = /[\t\n\f\r ]/g;
/** Base64 value of each ASCII code; 0xff marks characters outside the alphabet. */
const VALUES = new Uint8Array(128).fill(0xff);
for (let index = 0; index < BASE64_ALPHABET.length; index++) {
  VALUES[BASE64_ALPHABET.charCodeAt(index)] = index;
}

/**
 * Decodes padded standard base64 strictly: any character outside `A-Z a-z 0-9 + /`, misplaced
 * `=` or a length that is not a multiple of 4 throws a `DecodeError` with code `invalid-base64`.
 * ASCII whitespace (space, tab, CR, LF, FF) is ignored, so MIME-wrapped text decodes too.
 *
 * In Node.js, `Buffer.from(text, 'base64')` does the work; it silently skips bad characters and
 * accepts the URL-safe `-`/`_`, so the result is checked instead of pre-scanning the text: a
 * skipped character always makes the output shorter than the length the text implies. Elsewhere
 * a table-driven decoder validates while it decodes. Only text failing those fast paths (invalid,
 * or with whitespace) is scanned again, to explain the problem or to drop the whitespace.
 *
 * @example
 * ```ts
 * decodeBase64('H4sI', loadNodeRuntime()); // Uint8Array [0x1f, 0x8b, 0x08]
 * ```
 */
export function decodeBase64(text: string, runtime: NodeRuntime | undefined): Uint8Array {
  if (runtime !== undefined) {
    const bytes = runtime.Buffer.from(text, 'base64');
    if (isExactDecoding(text, bytes.length)) return bytes;
  } else {
    const bytes = decodePortably(text);
    if (bytes !== undefined) return bytes;
  }
  const problem = findBase64Problem(text);
  if (problem !== undefined) {
    throw new DecodeError(
      `Invalid base64: ${problem}. Expected padded standard base64 (RFC 4648 §4; ASCII whitespace is ignored); received ${describeText(text)}`,
      { code: 'invalid-base64' },
    );
  }
  const compact = text.replace(ASCII_WHITESPACE, '');
  const bytes =
    runtime === undefined ? decodePortably(compact) : runtime.Buffer.from(compact, 'base64');
  if (bytes === undefined) {
    // findBase64Problem accepted it, so the strict decoder must too; a mismatch is a bug here.
    throw new Error(`base64 validators disagree on ${describeText(text)}`);
  }
  return bytes;
}

/** True when `text` is padded standard base64 that `Buffer` decoded to `decodedLength` bytes. */
function isExactDecoding(text: string, decodedLength: number): boolean {
  const length = text.length;
  if (length % 4 !== 0) return false;
  const firstEquals = text.indexOf('=');
  if (firstEquals !== -1 && firstEquals < length - 2) return false;
  if (text.indexOf('-') !== -1 || text.indexOf('_') !== -1) return false;
  return decodedLength === (length / 4) * 3 - countPadding(text);
}

function countPadding(text: string): number {
  const length = text.length;
  if (length === 0 || text.charCodeAt(length - 1) !== EQUALS) return 0;
  return text.charCodeAt(length - 2) === EQUALS ? 2 : 1;
}

/** Decodes padded standard base64 without whitespace, or returns `undefined` if it is not. */
function decodePortably(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = countPadding(text);
  const output = new Uint8Array((text.length / 4) * 3 - padding);
  const fullGroupsEnd = padding === 0 ? text.length : text.length - 4;
  // Collects every character code and value: any code above 127 or value 0xff means invalid.
  let codes = 0;
  let values = 0;
  let written = 0;
  let index = 0;
  for (; index < fullGroupsEnd; index += 4) {
    const code0 = text.charCodeAt(index);
    const code1 = text.charCodeAt(index + 1);
    const code2 = text.charCodeAt(index + 2);
    const code3 = text.charCodeAt(index + 3);
    codes |= code0 | code1 | code2 | code3;
    const value0 = VALUES[code0 & 0x7f]!;
    const value1 = VALUES[code1 & 0x7f]!;
    const value2 = VALUES[code2 & 0x7f]!;
    const value3 = VALUES[code3 & 0x7f]!;
    values |= value0 | value1 | value2 | value3;
    const group = (value0 << 18) | (value1 << 12) | (value2 << 6) | value3;
    output[written++] = group >>> 16;
    output[written++] = (group >>> 8) & 0xff;
    output[written++] = group & 0xff;
  }
  if (padding > 0) {
    const code0 = text.charCodeAt(index);
    const code1 = text.charCodeAt(index + 1);
    // With one "=", the third character is data; with two it is the first "=".
    const code2 = padding === 1 ? text.charCodeAt(index + 2) : 0x41;
    codes |= code0 | code1 | code2;
    const value0 = VALUES[code0 & 0x7f]!;
    const value1 = VALUES[code1 & 0x7f]!;
    const value2 = VALUES[code2 & 0x7f]!;
    values |= value0 | value1 | value2;
    const group = (value0 << 18) | (value1 << 12) | (value2 << 6);
    output[written++] = group >>> 16;
    if (padding === 1) output[written] = (group >>> 8) & 0xff;
  }
  return codes > 0x7f || values > 0x3f ? undefined : output;
}
