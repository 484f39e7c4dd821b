import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(maskSecrets('key=abcd1234 again abcd1234 and Bearer t0ken', ['abcd1234', 't0ken'])).toBe(
      'key=[redacted] again [redacted] and Bearer [redacted]',
    );
  });

  it('ignores secrets shorter than 4 characters', () => {
    expect(maskSecrets('a b c', ['a', 'abc'])).toBe('a b c');
  });
});
