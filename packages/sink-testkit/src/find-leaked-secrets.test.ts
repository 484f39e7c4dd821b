import { describe, expect, it } from 'vitest';
import { findLeakedSecrets } from './find-leaked-secrets';
import { maskSecrets } from './mask-secrets';

describe('findLeakedSecrets', () => {
  it('names each leaked secret by position and place, never by value', () => {
    const leaks = findLeakedSecrets(
      [
        { where: 'console', text: 'connecting with hunter22' },
        { where: 'util.inspect(sink)', text: "{ name: 'es' }" },
        { where: 'error', text: 'AKIDEXAMPLE / hunter22' },
      ],
      ['hunter22', 'AKIDEXAMPLE'],
    );
    expect(leaks).toEqual(['secret #1 in console', 'secret #1 in error', 'secret #2 in error']);
  });
});

describe('maskSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(maskSecrets('a=hunter22 b=hunter22 c=AKID123', ['hunter22', 'AKID123'])).toBe(
      'a=[secret #1] b=[secret #1] c=[secret #2]',
    );
  });
});
