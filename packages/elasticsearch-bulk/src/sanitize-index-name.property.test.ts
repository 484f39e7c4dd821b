import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIndexName } from './is-valid-index-name';
import { sanitizeIndexName } from './sanitize-index-name';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom('-', '_', '+', '.', '/', ':', '#', ' ', 'A', 'z', 'İ', 'ẞ', 'K'),
    maxLength: 40,
  }),
  fc.string({ unit: 'grapheme', minLength: 250, maxLength: 400 }),
);

describe('sanitizeIndexName (properties)', () => {
  it('always returns a valid index name made of a-z 0-9 . _ -', () => {
    fc.assert(
      fc.property(anyText, (name) => {
        const sanitized = sanitizeIndexName(name);
        expect(isValidIndexName(sanitized)).toBe(true);
        expect(sanitized).toMatch(/^[a-z0-9._-]{1,255}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent and leaves valid allowlisted names unchanged', () => {
    fc.assert(
      fc.property(anyText, (name) => {
        const once = sanitizeIndexName(name);
        expect(sanitizeIndexName(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
