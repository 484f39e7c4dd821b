import { describe, expect, it } from 'vitest';
import { readChoiceOption } from './read-choice-option';

describe('readChoiceOption', () => {
  it('returns the default or an allowed value, and names the choices otherwise', () => {
    expect(readChoiceOption('jsonMode', undefined, ['a', 'b'], 'a')).toBe('a');
    expect(readChoiceOption('jsonMode', 'b', ['a', 'b'], 'a')).toBe('b');
    expect(() => readChoiceOption('jsonMode', 'c', ['a', 'b'], 'a')).toThrow(
      expect.objectContaining({
        code: 'invalid-options',
        message: 'Option jsonMode must be one of "a", "b"; received "c"',
      }),
    );
  });
});
