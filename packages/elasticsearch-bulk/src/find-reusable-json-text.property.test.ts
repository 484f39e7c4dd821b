import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countJsonKeys } from './count-json-keys';
import { extractJsonFields } from './extract-json-fields';
import { findReusableJsonText } from './find-reusable-json-text';

/**
 * What the full path decides: the text it would put in the document verbatim, or `undefined`
 * when it would skip, re-serialize, or treat the message as plain text.
 */
function findReusableTextByFullPath(
  message: string,
  maxDepth: number,
  maxFields: number,
): string | undefined {
  const extraction = extractJsonFields(message, maxDepth, maxFields);
  if (extraction === undefined || extraction.skipped !== undefined) return undefined;
  const { text } = extraction;
  return !text.includes('\n') &&
    !text.includes('\r') &&
    countJsonKeys(text) === extraction.fieldCount
    ? text
    : undefined;
}

/** Keys that are plain (most), dotted, escaped, whitespace, or repeated across and within objects. */
const key = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'b', 'c', 'a.b', 'id', 'x_1'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'a..b',
      '.a',
      'a.',
      '',
      ' ',
      ' a',
      '\u00a0',
      'é',
      '__proto__',
      'a"b',
    ),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
);

const jsonObject = fc.object({
  key,
  values: [
    fc.string({
      unit: fc.constantFrom('a', ' ', '"', '\\', 'é', '\u2028', '\u0001', '\n'),
      maxLength: 6,
    }),
    fc.integer(),
    fc.double({ noDefaultInfinity: true, noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  ],
  maxDepth: 4,
  maxKeys: 6,
});

/** JSON texts made to be valid or nearly valid, written in many ways. */
const jsonText = fc.oneof(
  { arbitrary: jsonObject.map((value) => JSON.stringify(value)), weight: 4 },
  jsonObject.map((value) => JSON.stringify(value).replace(/([,:[{])/g, '$1 \t')),
  jsonObject.map((value) => JSON.stringify(value, null, 1)),
  fc.tuple(jsonObject, key).map(([value, duplicate]) => {
    const inner = JSON.stringify(value).slice(1, -1);
    const name = JSON.stringify(duplicate);
    return `{${name}:1${inner === '' ? '' : `,${inner}`},${name}:2}`;
  }),
  fc
    .tuple(
      jsonObject,
      fc.nat(),
      fc.constantFrom(' ', '\t', '\n', ',', '"', '\\', '}', '0', '.', 'e'),
    )
    .map(([value, at, insert]) => {
      const text = JSON.stringify(value);
      const position = at % (text.length + 1);
      return `${text.slice(0, position)}${insert}${text.slice(position)}`;
    }),
  fc.tuple(jsonObject, fc.nat()).map(([value, at]) => {
    const text = JSON.stringify(value);
    const position = at % text.length;
    return `${text.slice(0, position)}${text.slice(position + 1)}`;
  }),
  // Token soup: exercises the number, literal, string and punctuation grammar.
  fc
    .array(
      fc.constantFrom(
        '"a"',
        '"b"',
        '"a.b"',
        ':',
        ',',
        '[',
        ']',
        '{',
        '}',
        '0',
        '1',
        '-',
        '.',
        'e',
        'E',
        '+',
        'true',
        'false',
        'null',
        'tru',
        ' ',
        '\t',
        '"\\u00e9"',
        '"\\q"',
        '"x\\"y"',
        '"\\\\"',
      ),
      { maxLength: 24 },
    )
    .map((tokens) => `{${tokens.join('')}}`),
);

describe('findReusableJsonText', () => {
  it('returns text only when the full path would reuse that same text', () => {
    fc.assert(
      fc.property(
        jsonText,
        fc.constantFrom('', ' ', '\n', '\t\r\n'),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 60 }),
        (text, padding, maxDepth, maxFields) => {
          const message = `${padding}${text}${padding}`;
          const fast = findReusableJsonText(message, maxDepth, maxFields);
          if (fast !== undefined) {
            expect(fast).toBe(findReusableTextByFullPath(message, maxDepth, maxFields));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('vouches for every compact object of plain keys within the caps', () => {
    const plainObject = fc.object({
      key: fc
        .stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,7}$/)
        .filter((name) => !/\.\.|\.$/.test(name)),
      values: [
        fc.string(),
        fc.integer(),
        fc.double({ noDefaultInfinity: true, noNaN: true }),
        fc.boolean(),
        fc.constant(null),
      ],
      maxDepth: 3,
      maxKeys: 6,
      withNullPrototype: false,
    });
    fc.assert(
      fc.property(plainObject, (value) => {
        const text = JSON.stringify(value);
        expect(findReusableJsonText(text, 10, 1000)).toBe(text);
        expect(findReusableTextByFullPath(text, 10, 1000)).toBe(text);
      }),
    );
  });
});
