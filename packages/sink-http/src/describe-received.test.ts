import { describe, expect, it } from 'vitest';
import { describeReceived } from './describe-received';

describe('describeReceived', () => {
  it.each([
    ['text', '"text"'],
    [42, 'number 42'],
    [undefined, 'undefined'],
    [null, 'null'],
    [[1, 2], 'an array of 2'],
    [{ a: 1 }, 'an object'],
    [new Map(), 'a Map'],
    [new Error('x'), 'an Error'],
    [() => 1, 'a function'],
  ])('describes %j as %s', (value, expected) => {
    expect(describeReceived(value)).toBe(expected);
  });

  it('cuts long values at 120 characters', () => {
    expect(describeReceived('x'.repeat(500))).toBe(`"${'x'.repeat(119)}… (truncated)`);
  });
});
