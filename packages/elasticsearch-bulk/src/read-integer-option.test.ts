import { describe, expect, it } from 'vitest';
import { readIntegerOption } from './read-integer-option';

describe('readIntegerOption', () => {
  it('returns the default for undefined and the value within range', () => {
    expect(readIntegerOption('maxBytes', undefined, 5, 1, 10)).toBe(5);
    expect(readIntegerOption('maxBytes', 1, 5, 1, 10)).toBe(1);
    expect(readIntegerOption('maxBytes', 10, 5, 1, 10)).toBe(10);
  });

  it('names the option, the range and the value received', () => {
    expect(() => readIntegerOption('maxBytes', 11, 5, 1, 10)).toThrow(
      expect.objectContaining({
        code: 'invalid-options',
        message: 'Option maxBytes must be an integer from 1 to 10; received 11',
      }),
    );
    expect(() => readIntegerOption('maxBytes', Number.NaN, 5, 1, 10)).toThrow('received null');
    expect(() => readIntegerOption('maxBytes', null, 5, 1, 10)).toThrow('received null');
  });
});
