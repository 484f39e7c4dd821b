import { BASE64_ALPHABET } from './base64-alphabet';

const EQUALS = 0x3d;
const VALID = new Uint8Array(128);
for (let index = 0; index < BASE64_ALPHABET.length; index++) {
  VALID[BASE64_ALPHABET.charCodeAt(index)] = 1;
}
// ASCII whitespace as WHATWG's forgiving-base64 defines it: tab, LF, FF, CR, space.
const WHITESPACE = new Uint8Array(128);
for (const code of [0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[code] = 1;

/**
 * Checks text against padded standard base64 (RFC 4648 §4: `A-Z a-z 0-9 + /`, a multiple of 4
 * characters, at most two `=` and only at the end), ignoring ASCII whitespace anywhere, and
 * describes the first violation with its offset in `text`, or returns `undefined` when valid.
 *
 * @example
 * ```ts
 * findBase64Problem('QUJD'); // undefined
 * findBase64Problem('QU$D'); // 'character "$" (U+0024) at offset 2 is outside the base64 alphabet (A-Z, a-z, 0-9, +, /)'
 * ```
 */
export function findBase64Problem(text: string): string | undefined {
  let characters = 0;
  let padding = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 128 && WHITESPACE[code] === 1) continue;
    if (code === EQUALS && padding < 2) {
      padding++;
      characters++;
      continue;
    }
    if (code < 128 && VALID[code] === 1 && padding === 0) {
      characters++;
      continue;
    }
    if (code === EQUALS || (code < 128 && VALID[code] === 1)) {
      return `"${text[index]}" at offset ${index} follows "=" padding (padding may only end the text, at most "==")`;
    }
    const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `character ${JSON.stringify(text[index])} (${codePoint}) at offset ${index} is outside the base64 alphabet (A-Z, a-z, 0-9, +, /)`;
  }
  if (characters % 4 !== 0) {
    return `it has ${characters} base64 characters, not a multiple of 4 (the text is truncated or lacks "=" padding)`;
  }
  return undefined;
}
