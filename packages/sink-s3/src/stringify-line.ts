/**
 * `JSON.stringify` for one NDJSON line, with U+2028 and U+2029 escaped as well: they are valid raw
 * in JSON, but line readers such as Python's `str.splitlines()` break lines at them.
 *
 * @example
 * ```ts
 * stringifyLine({ message: 'a\u2028b' }); // → '{"message":"a\\u2028b"}'
 * ```
 */
export function stringifyLine(value: unknown): string {
  const json = JSON.stringify(value);
  // Most lines have neither character: test first, and replace only when needed.
  return hasLineSeparator.test(json)
    ? json.replace(allLineSeparators, (character) =>
        character === '\u2028' ? '\\u2028' : '\\u2029',
      )
    : json;
}

const hasLineSeparator = /[\u2028\u2029]/;
const allLineSeparators = /[\u2028\u2029]/g;
