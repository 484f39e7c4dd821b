import { describe, expect, it } from 'vitest';
import { extractJsonFields } from './extract-json-fields';

describe('extractJsonFields', () => {
  it('parses a JSON object message and counts its keys at every depth', () => {
    expect(
      extractJsonFields('{"level":"info","user":{"id":7},"tags":[{"a":1},{"b":2}]}', 10, 200),
    ).toEqual({
      fields: { level: 'info', user: { id: 7 }, tags: [{ a: 1 }, { b: 2 }] },
      fieldCount: 6,
      text: '{"level":"info","user":{"id":7},"tags":[{"a":1},{"b":2}]}',
    });
  });

  it('accepts surrounding whitespace and returns the JSON text without it', () => {
    expect(extractJsonFields(' \t{"a":1}\n', 10, 200)).toEqual({
      fields: { a: 1 },
      fieldCount: 1,
      text: '{"a":1}',
    });
    expect(extractJsonFields('{}', 10, 200)).toEqual({ fields: {}, fieldCount: 0, text: '{}' });
  });

  it('returns undefined for anything that is not a JSON object', () => {
    for (const message of [
      '',
      '   ',
      'GET /index.html 200',
      '[1,2]',
      '"text"',
      '42',
      '{user} logged in {ok}',
      '{"a":1} trailing',
      '{"a":1',
      '{"a":1}}',
      'START RequestId: 1 Version: $LATEST\n',
    ]) {
      expect(extractJsonFields(message, 10, 200), message).toBeUndefined();
    }
  });

  it('skips objects nested deeper than maxDepth; arrays count as a level', () => {
    expect(extractJsonFields('{"a":{"b":{"c":1}}}', 3, 200)).toMatchObject({ fieldCount: 3 });
    expect(extractJsonFields('{"a":{"b":{"c":{}}}}', 3, 200)).toEqual({ skipped: 'max-depth' });
    expect(extractJsonFields('{"a":[[{}]]}', 3, 200)).toEqual({ skipped: 'max-depth' });
    expect(extractJsonFields('{"a":[[1]]}', 2, 200)).toEqual({ skipped: 'max-depth' });
    expect(extractJsonFields('{"a":[1]}', 2, 200)).toMatchObject({ fieldCount: 1 });
  });

  it('skips objects with more than maxFields keys in total', () => {
    expect(extractJsonFields('{"a":1,"b":{"c":2}}', 10, 3)).toMatchObject({ fieldCount: 3 });
    expect(extractJsonFields('{"a":1,"b":{"c":2,"d":3}}', 10, 3)).toEqual({
      skipped: 'max-fields',
    });
  });

  it('skips objects with a key Elasticsearch refuses as a field name', () => {
    for (const key of ['', ' ', '\t', '\u00a0', '\u2028 ', '.a', 'a.', 'a..b', '.']) {
      expect(
        extractJsonFields(JSON.stringify({ ok: 1, nested: { [key]: 1 } }), 10, 200),
        JSON.stringify(key),
      ).toEqual({
        skipped: 'invalid-field-name',
      });
    }
    expect(extractJsonFields('{"a.b":1," a":2,"@timestamp":3}', 10, 200)).toMatchObject({
      fieldCount: 3,
    });
  });
});
