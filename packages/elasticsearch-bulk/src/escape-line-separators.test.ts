import { describe, expect, it } from 'vitest';
import { escapeLineSeparators } from './escape-line-separators';

describe('escapeLineSeparators', () => {
  it('escapes U+2028 and U+2029 and returns other text unchanged', () => {
    const json = JSON.stringify({ message: 'a\u2028b\u2029c' });
    const escaped = escapeLineSeparators(json);
    expect(escaped).toBe('{"message":"a\\u2028b\\u2029c"}');
    expect(JSON.parse(escaped)).toEqual(JSON.parse(json));
    const plain = '{"message":"plain"}';
    expect(escapeLineSeparators(plain)).toBe(plain);
  });
});
