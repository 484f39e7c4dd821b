const LINE_SEPARATORS = /[\u2028\u2029]/;
const LINE_SEPARATORS_GLOBAL = /[\u2028\u2029]/g;

function escapeSeparator(separator: string): string {
  return separator === '\u2028' ? '\\u2028' : '\\u2029';
}

/**
 * Replaces U+2028 (line separator) and U+2029 (paragraph separator) in serialized JSON with their
 * `\u` escapes.
 *
 * Both are valid unescaped inside JSON strings and Elasticsearch splits `_bulk` bodies on `\n`
 * only, so they are harmless to the cluster. They are escaped anyway because other readers of the
 * same bytes treat them as line breaks (JavaScript's `^`/`$` with the `m` flag, some log viewers
 * and editors); escaping keeps "one JSON value per physical line" true for every reader, costs one
 * regular-expression scan, and decodes to the identical string. Only call it on JSON text, where
 * the two characters can only occur inside string literals.
 *
 * @example
 * ```ts
 * escapeLineSeparators('{"message":"a\u2028b"}'); // '{"message":"a\\u2028b"}'
 * ```
 */
export function escapeLineSeparators(json: string): string {
  return LINE_SEPARATORS.test(json) ? json.replace(LINE_SEPARATORS_GLOBAL, escapeSeparator) : json;
}
