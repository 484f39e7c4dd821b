import { describe, expect, it } from 'vitest';
import { describeBytes, describeCause, describeText, describeValue } from './describe-received';

describe('describeBytes', () => {
  it('gives the count and the first 16 bytes in hex', () => {
    expect(describeBytes(new Uint8Array(0))).toBe('0 bytes');
    expect(describeBytes(Uint8Array.of(0x1f))).toBe('1 byte starting 1f');
    expect(describeBytes(new Uint8Array(20).fill(0xab))).toBe(
      `20 bytes starting ${'ab '.repeat(16).trim()} …`,
    );
  });
});

describe('describeText', () => {
  it('quotes on one line and cuts after 64 characters', () => {
    expect(describeText('a\nb')).toBe('"a\\nb"');
    expect(describeText('x'.repeat(65))).toBe(`"${'x'.repeat(64)}"… (65 characters)`);
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing (the field is missing)'],
    [null, 'null'],
    ['a', 'string "a"'],
    [1.5, 'number 1.5'],
    [true, 'boolean true'],
    [[1, 2], 'an array of 2 items'],
    [{}, 'an empty object'],
    [Object.create(null), 'an empty object'],
    [new ArrayBuffer(4), 'an instance of ArrayBuffer'],
    [new Map(), 'an instance of Map'],
    [{ a: 1, b: 2 }, 'an object with keys "a, b"'],
    [
      Object.fromEntries('abcdefghij'.split('').map((key) => [key, 1])),
      'an object with keys "a, b, c, d, e, f, g, h" and 2 more',
    ],
  ])('describes %j', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('describeCause', () => {
  it('quotes the message on one line and cuts it at 200 characters', () => {
    expect(describeCause(new SyntaxError('bad\njson'))).toBe('"bad\\njson"');
    expect(describeCause('y'.repeat(300))).toBe(`"${'y'.repeat(200)}…"`);
  });
});
