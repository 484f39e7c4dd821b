import { describe, expect, it } from 'vitest';
import { normalizeKeyPrefix } from './normalize-key-prefix';

describe('normalizeKeyPrefix', () => {
  it.each([
    ['archive', 'archive'],
    ['archive/', 'archive'],
    ['logs/prod//', 'logs/prod'],
    ['', ''],
    ['/', ''],
    ["a=b/c!(d)*'e_f-g.h", "a=b/c!(d)*'e_f-g.h"],
  ])('normalises %j to %j', (prefix, normalized) => {
    expect(normalizeKeyPrefix(prefix, 'prefix')).toBe(normalized);
  });

  it.each([
    [7, 'The "prefix" option must be a string (it starts every object key); received number 7.'],
    ['/logs', 'must not start with "/", contain "//", or have a "." or ".." segment'],
    ['a//b', 'contain "//"'],
    ['a/../b', 'have a "." or ".." segment'],
    ['a b', "may only contain A-Z a-z 0-9 ! - _ . * ' ( ) = and /"],
    ['x'.repeat(513), 'must be at most 512 characters'],
  ])('rejects %j', (prefix, message) => {
    expect(() => normalizeKeyPrefix(prefix, 'prefix')).toThrow(message);
  });
});
