/**
 * Above this many keys in one object the quadratic duplicate check would cost more than the
 * full path it replaces, so such a message is handed back to that path.
 */
const MAX_KEYS_COMPARED = 64;

// Scratch stacks reused across calls (scanning is synchronous): start and end offsets of the keys
// of every open object, innermost last, and per open container its kind and first key.
const keySpans: number[] = [];
// Filled up front (the mapper's depth cap is at most 100) so they stay packed arrays.
const openIsObject: boolean[] = Array.from({ length: 102 }, () => false);
const openKeyBase: number[] = Array.from({ length: 102 }, () => 0);

const EXPECT_VALUE = 0;
const EXPECT_KEY = 1;
const AFTER_VALUE = 2;

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** The position after the digits at `position` (the same position if there are none). */
function skipDigits(text: string, position: number): number {
  let code = text.charCodeAt(position);
  while (code >= 48 && code <= 57) {
    position += 1;
    code = text.charCodeAt(position);
  }
  return position;
}

/**
 * The position after the JSON number at `position`, or -1:
 * `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
 */
function skipNumber(text: string, position: number): number {
  if (text.charCodeAt(position) === 45 /* - */) position += 1;
  if (text.charCodeAt(position) === 48 /* 0 */) position += 1;
  else {
    const after = skipDigits(text, position);
    if (after === position) return -1;
    position = after;
  }
  if (text.charCodeAt(position) === 46 /* . */) {
    const after = skipDigits(text, position + 1);
    if (after === position + 1) return -1;
    position = after;
  }
  const exponent = text.charCodeAt(position);
  if (exponent === 101 /* e */ || exponent === 69 /* E */) {
    position += 1;
    const sign = text.charCodeAt(position);
    if (sign === 43 /* + */ || sign === 45 /* - */) position += 1;
    const after = skipDigits(text, position);
    if (after === position) return -1;
    position = after;
  }
  return position;
}

/**
 * The position after the string literal whose opening quote is at `position`, or -1 when it is
 * not valid JSON (raw control characters, line breaks included; unknown escapes; no end).
 */
function skipString(text: string, position: number): number {
  position += 1;
  for (;;) {
    const code = text.charCodeAt(position);
    if (code === 34 /* " */) return position + 1;
    if (code === 92 /* \ */) {
      const escaped = text.charCodeAt(position + 1);
      if (escaped === 117 /* u */) {
        if (
          !isHexDigit(text.charCodeAt(position + 2)) ||
          !isHexDigit(text.charCodeAt(position + 3)) ||
          !isHexDigit(text.charCodeAt(position + 4)) ||
          !isHexDigit(text.charCodeAt(position + 5))
        ) {
          return -1;
        }
        position += 6;
        continue;
      }
      // " \ / b f n r t
      if (
        escaped !== 34 &&
        escaped !== 92 &&
        escaped !== 47 &&
        escaped !== 98 &&
        escaped !== 102 &&
        escaped !== 110 &&
        escaped !== 114 &&
        escaped !== 116
      ) {
        return -1;
      }
      position += 2;
      continue;
    }
    // `!(code >= 32)` also catches NaN, the end of the text.
    if (!(code >= 32)) return -1;
    position += 1;
  }
}

/**
 * The position after the key whose opening quote is at `position`, or -1. Accepts only a key
 * written without escapes (so its text is its value, and two keys are equal exactly when their
 * texts are) that the full path's field-name check accepts: not empty, not starting or ending
 * with `.`, no `..`, and a visible ASCII first character (another one might start an
 * all-whitespace key; the full path decides those).
 */
function skipPlainValidKey(text: string, position: number): number {
  const first = text.charCodeAt(position + 1);
  if (first <= 32 || first >= 127 || first === 46 /* . */ || first === 34 || first === 92) {
    return -1;
  }
  let previous = first;
  position += 2;
  for (;;) {
    const code = text.charCodeAt(position);
    if (code === 34) break;
    if (!(code >= 32) || code === 92 || (code === 46 && previous === 46)) return -1;
    previous = code;
    position += 1;
  }
  return previous === 46 ? -1 : position + 1;
}

function equalsEarlierKey(
  text: string,
  base: number,
  count: number,
  start: number,
  end: number,
): boolean {
  const length = end - start;
  for (let span = base; span < count; span += 2) {
    const otherStart = keySpans[span]!;
    if (keySpans[span + 1]! - otherStart !== length) continue;
    let offset = 0;
    while (
      offset < length &&
      text.charCodeAt(start + offset) === text.charCodeAt(otherStart + offset)
    ) {
      offset += 1;
    }
    if (offset === length) return true;
  }
  return false;
}

/**
 * Whether `text[start..end]`, which starts with `{`, is one JSON object that meets every
 * condition of {@link findReusableJsonText}. One loop with all state in locals: the first
 * version, with the cursor in module state and one function per grammar rule, ran at half the
 * speed.
 */
function isReusableJsonObject(
  text: string,
  start: number,
  end: number,
  maxDepth: number,
  maxFields: number,
): boolean {
  let position = start;
  let depth = 0;
  let fields = 0;
  let keyCount = 0;
  let state = EXPECT_VALUE;
  for (;;) {
    let code = text.charCodeAt(position);
    // Only space and tab: a line break would make the text unusable verbatim in NDJSON.
    while (code === 32 || code === 9) {
      position += 1;
      code = text.charCodeAt(position);
    }
    if (state === EXPECT_VALUE) {
      if (code === 123 /* { */ || code === 91 /* [ */) {
        depth += 1;
        if (depth > maxDepth) return false;
        const isObject = code === 123;
        openIsObject[depth] = isObject;
        openKeyBase[depth] = keyCount;
        position += 1;
        code = text.charCodeAt(position);
        while (code === 32 || code === 9) {
          position += 1;
          code = text.charCodeAt(position);
        }
        if (code === (isObject ? 125 : 93)) {
          position += 1;
          depth -= 1;
          state = AFTER_VALUE;
        } else {
          state = isObject ? EXPECT_KEY : EXPECT_VALUE;
        }
        continue;
      }
      if (code === 34) position = skipString(text, position);
      else if (code === 116 /* t */)
        position = text.startsWith('true', position) ? position + 4 : -1;
      else if (code === 102 /* f */)
        position = text.startsWith('false', position) ? position + 5 : -1;
      else if (code === 110 /* n */)
        position = text.startsWith('null', position) ? position + 4 : -1;
      else position = skipNumber(text, position);
      if (position === -1) return false;
      state = AFTER_VALUE;
      continue;
    }
    if (state === EXPECT_KEY) {
      if (code !== 34) return false;
      const keyEnd = skipPlainValidKey(text, position);
      if (keyEnd === -1) return false;
      fields += 1;
      if (fields > maxFields) return false;
      const base = openKeyBase[depth]!;
      if (keyCount - base >= MAX_KEYS_COMPARED * 2) return false;
      if (equalsEarlierKey(text, base, keyCount, position + 1, keyEnd - 1)) return false;
      keySpans[keyCount] = position + 1;
      keySpans[keyCount + 1] = keyEnd - 1;
      keyCount += 2;
      position = keyEnd;
      code = text.charCodeAt(position);
      while (code === 32 || code === 9) {
        position += 1;
        code = text.charCodeAt(position);
      }
      if (code !== 58 /* : */) return false;
      position += 1;
      state = EXPECT_VALUE;
      continue;
    }
    // AFTER_VALUE
    if (depth === 0) return position === end + 1;
    position += 1;
    if (code === 44 /* , */) {
      state = openIsObject[depth] ? EXPECT_KEY : EXPECT_VALUE;
    } else if (code === (openIsObject[depth] ? 125 : 93)) {
      keyCount = openKeyBase[depth]!;
      depth -= 1;
    } else {
      return false;
    }
  }
}

/**
 * Decides in one pass, without building the parsed value, whether a log message is a JSON object
 * whose text can go into the document verbatim: valid JSON, within `maxDepth` and `maxFields`,
 * every key a valid Elasticsearch field name, no duplicate key in any object, and no line break.
 * Returns that text (the message without surrounding whitespace), or `undefined`.
 *
 * `undefined` is not a verdict: the message may be plain text, invalid JSON, break a cap, or only
 * be unusual (escaped keys, an object of more than 64 keys); the caller then takes the full path
 * (`extractJsonFields`), which decides. It is a fast path only: whenever it returns text, the
 * full path would have parsed the message within the caps and reused the same text, so the
 * output bytes do not depend on which path ran. It avoids allocating the parsed objects, which
 * the benchmark showed to cost more (in garbage collection) than the parse itself.
 *
 * @example
 * ```ts
 * findReusableJsonText('{"level":"info","user":{"id":7}}\n', 10, 1000); // '{"level":"info","user":{"id":7}}'
 * findReusableJsonText('{"a":1,"a":2}', 10, 1000); // undefined: a duplicate key
 * findReusableJsonText('GET /index.html 200', 10, 1000); // undefined
 * ```
 */
export function findReusableJsonText(
  message: string,
  maxDepth: number,
  maxFields: number,
): string | undefined {
  let start = 0;
  let end = message.length - 1;
  while (start <= end && isOuterWhitespace(message.charCodeAt(start))) start += 1;
  while (end > start && isOuterWhitespace(message.charCodeAt(end))) end -= 1;
  if (message.charCodeAt(start) !== 123 /* { */ || message.charCodeAt(end) !== 125 /* } */) {
    return undefined;
  }
  if (!isReusableJsonObject(message, start, end, maxDepth, maxFields)) return undefined;
  return start === 0 && end === message.length - 1 ? message : message.slice(start, end + 1);
}

function isOuterWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
