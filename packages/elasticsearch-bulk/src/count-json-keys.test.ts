import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countJsonKeys } from './count-json-keys';

function countParsedKeys(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + countParsedKeys(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((sum, [, child]) => sum + 1 + countParsedKeys(child), 0);
}

describe('countJsonKeys', () => {
  it('counts keys at every depth, duplicates included', () => {
    expect(countJsonKeys('{"a":1,"b":{"c":[{"d":2}]}}')).toBe(4);
    expect(countJsonKeys('{"a":1,"a":2}')).toBe(2);
    expect(countJsonKeys('{}')).toBe(0);
    expect(countJsonKeys('{"a" :1,\t"b"\t: 2}')).toBe(2);
  });

  it('is not fooled by colons and quotes inside strings', () => {
    expect(countJsonKeys('{"a":":","b":"\\":x","c":"\\\\","d":"\\\\\\":"}')).toBe(4);
    expect(countJsonKeys('{"url":"https://x:1/\\"q\\"","k\\"ey":"v"}')).toBe(2);
    expect(countJsonKeys('{"list":["a:","b",":"]}')).toBe(1);
  });

  it('returns -1 when the text ends inside a string', () => {
    expect(countJsonKeys('{"a')).toBe(-1);
  });

  it('equals the number of keys JSON.parse sees for any JSON without duplicates (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? '\t' : undefined).replace(/\n/g, ' ');
        expect(countJsonKeys(text)).toBe(countParsedKeys(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });
});
