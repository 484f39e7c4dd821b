/**
 * Why a JSON message was kept as text only; written to `logferry.json_skipped`.
 *
 * - `max-depth`: objects/arrays nest deeper than `maxJsonDepth`.
 * - `max-fields`: more than `maxJsonFields` keys in total, at any depth.
 * - `invalid-field-name`: a key Elasticsearch refuses (empty, whitespace only, starting or ending
 *   with `.`, or containing `..`), which would get the whole document rejected.
 *
 * @example
 * ```ts
 * const reason: JsonSkipReason = 'max-fields';
 * ```
 */
export type JsonSkipReason = 'max-depth' | 'max-fields' | 'invalid-field-name';

/**
 * The result of {@link extractJsonFields}: the parsed fields, or why they were not used.
 * `undefined` (returned instead) means the message is not a JSON object at all.
 *
 * @example
 * ```ts
 * const extraction: JsonExtraction = { fields: { level: 'info' }, fieldCount: 1, text: '{"level":"info"}' };
 * ```
 */
export type JsonExtraction =
  | {
      readonly fields: Record<string, unknown>;
      /** Keys of `fields` at every depth. */
      readonly fieldCount: number;
      /** The message without surrounding whitespace: the JSON text that was parsed. */
      readonly text: string;
      readonly skipped?: undefined;
    }
  | { readonly fields?: undefined; readonly skipped: JsonSkipReason };

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isValidFieldName(key: string): boolean {
  const length = key.length;
  if (length === 0) return false;
  if (key.charCodeAt(0) === 46 /* . */ || key.charCodeAt(length - 1) === 46) return false;
  if (key.includes('..')) return false;
  // Only a key starting with whitespace (ASCII, or one of the Unicode spaces) can be all
  // whitespace; visible ASCII first characters skip the check.
  const first = key.charCodeAt(0);
  return (first > 32 && first < 128) || key.trim() !== '';
}

interface Budget {
  fields: number;
}

function measure(
  value: object,
  depth: number,
  maxDepth: number,
  maxFields: number,
  budget: Budget,
): JsonSkipReason | undefined {
  if (depth > maxDepth) return 'max-depth';
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null) {
        const reason = measure(item, depth + 1, maxDepth, maxFields, budget);
        if (reason !== undefined) return reason;
      }
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    budget.fields += 1;
    if (budget.fields > maxFields) return 'max-fields';
    if (!isValidFieldName(key)) return 'invalid-field-name';
    const child = record[key];
    if (typeof child === 'object' && child !== null) {
      const reason = measure(child, depth + 1, maxDepth, maxFields, budget);
      if (reason !== undefined) return reason;
    }
  }
  return undefined;
}

/**
 * Parses a log message that is a JSON object and checks it against the caps.
 *
 * Cheap rejection first: only a message whose first and last non-whitespace characters are `{`
 * and `}` is handed to `JSON.parse`, so plain-text lines cost two character reads. A message that
 * fails to parse is not JSON (returns `undefined`); one that parses but breaks a cap returns the
 * reason instead of fields. Never throws.
 *
 * @example
 * ```ts
 * extractJsonFields('{"level":"info","user":{"id":7}}', 10, 200);
 * // { fields: { level: 'info', user: { id: 7 } }, fieldCount: 3, text: '{"level":"info","user":{"id":7}}' }
 * extractJsonFields('GET /index.html 200', 10, 200); // undefined
 * ```
 */
export function extractJsonFields(
  message: string,
  maxDepth: number,
  maxFields: number,
): JsonExtraction | undefined {
  let start = 0;
  let end = message.length - 1;
  while (start <= end && isWhitespace(message.charCodeAt(start))) start += 1;
  while (end > start && isWhitespace(message.charCodeAt(end))) end -= 1;
  if (message.charCodeAt(start) !== 123 /* { */ || message.charCodeAt(end) !== 125 /* } */) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    // Looked like JSON but is not (e.g. "{user} logged in {ok}"): it stays plain text.
    return undefined;
  }
  // The brace check guarantees an object, but keep the type honest.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const budget = { fields: 0 };
  const skipped = measure(parsed, 1, maxDepth, maxFields, budget);
  if (skipped !== undefined) return { skipped };
  return {
    fields: parsed as Record<string, unknown>,
    fieldCount: budget.fields,
    text: start === 0 && end === message.length - 1 ? message : message.slice(start, end + 1),
  };
}
