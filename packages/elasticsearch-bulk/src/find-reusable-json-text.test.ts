import { describe, expect, it } from 'vitest';
import { findReusableJsonText } from './find-reusable-json-text';

describe('findReusableJsonText', () => {
  it('returns the text of a duplicate-free JSON object within the caps', () => {
    const text = '{"level":"info","user":{"id":7,"tags":["a",{"b":null}]},"n":-1.5e+3,"ok":true}';
    expect(findReusableJsonText(text, 10, 1000)).toBe(text);
    expect(findReusableJsonText('{}', 1, 1)).toBe('{}');
    expect(findReusableJsonText('{ "a" :\t[ 1 , 2 ] , "b":{ } }', 10, 1000)).toBe(
      '{ "a" :\t[ 1 , 2 ] , "b":{ } }',
    );
  });

  it('returns the text without surrounding whitespace', () => {
    expect(findReusableJsonText(' \t{"a":1}\r\n', 10, 1000)).toBe('{"a":1}');
  });

  it('accepts escapes in values and the same key in different objects', () => {
    const text = '{"a":"x\\"y\\\\\\/\\b\\f\\n\\r\\t\\u00e9","b":{"a":1},"c":[{"a":1},{"a":2}]}';
    expect(findReusableJsonText(text, 10, 1000)).toBe(text);
  });

  it('returns undefined for text that is not a JSON object', () => {
    for (const message of [
      '',
      '   ',
      'GET /index.html 200',
      '[1,2]',
      '{user} logged in {ok}',
      '{"a":1} trailing',
      '{"a":1} {"b":2}',
      '{"a":1',
      '{"a":1}}',
      '{"a":01}',
      '{"a":1.}',
      '{"a":.5}',
      '{"a":1e}',
      '{"a":-}',
      '{"a":+1}',
      '{"a":tru}',
      '{"a":nul}',
      '{"a":[1,]}',
      '{"a":1,}',
      '{"a" 1}',
      "{'a':1}",
      '{"a":"\\x"}',
      '{"a":"\\u12g4"}',
      '{"a":"tab\there"}',
    ]) {
      expect(findReusableJsonText(message, 10, 1000), message).toBeUndefined();
    }
  });

  it('returns undefined for a duplicate key in any object', () => {
    expect(findReusableJsonText('{"a":1,"a":2}', 10, 1000)).toBeUndefined();
    expect(findReusableJsonText('{"x":{"ab":1,"b":2,"ab":3}}', 10, 1000)).toBeUndefined();
    expect(findReusableJsonText('{"x":[{"a":1,"a":1}]}', 10, 1000)).toBeUndefined();
  });

  it('returns undefined beyond the depth and field caps', () => {
    expect(findReusableJsonText('{"a":{"b":1}}', 2, 1000)).toBe('{"a":{"b":1}}');
    expect(findReusableJsonText('{"a":{"b":{}}}', 2, 1000)).toBeUndefined();
    expect(findReusableJsonText('{"a":[[]]}', 2, 1000)).toBeUndefined();
    expect(findReusableJsonText('{"a":1,"b":{"c":2}}', 10, 3)).toBe('{"a":1,"b":{"c":2}}');
    expect(findReusableJsonText('{"a":1,"b":{"c":2}}', 10, 2)).toBeUndefined();
  });

  it('returns undefined for keys Elasticsearch refuses or that need the full check', () => {
    for (const key of ['', '.a', 'a.', 'a..b', ' ', ' a', 'é', '\\u0061', 'a\\"b']) {
      expect(findReusableJsonText(`{"${key}":1}`, 10, 1000), key).toBeUndefined();
    }
    expect(findReusableJsonText('{"a.b":1,"a b":2}', 10, 1000)).toBe('{"a.b":1,"a b":2}');
  });

  it('returns undefined for a line break inside the text', () => {
    expect(findReusableJsonText('{"a":1,\n"b":2}', 10, 1000)).toBeUndefined();
    expect(findReusableJsonText('{"a":1,\r"b":2}', 10, 1000)).toBeUndefined();
  });

  it('hands objects of more than 64 keys to the full path', () => {
    const keys = (count: number) =>
      `{${Array.from({ length: count }, (_, index) => `"k${index}":${index}`).join(',')}}`;
    expect(findReusableJsonText(keys(64), 10, 1000)).toBe(keys(64));
    expect(findReusableJsonText(keys(65), 10, 1000)).toBeUndefined();
  });
});
