import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8Truncator } from './truncate-utf8';

describe('createUtf8Truncator', () => {
  it('returns undefined when the text fits', () => {
    const truncate = createUtf8Truncator(6);
    expect(truncate('ab')).toBeUndefined();
    expect(truncate('héllo')).toBeUndefined();
    expect(truncate('abcdef')).toBeUndefined();
  });

  it('cuts on a character boundary and reports the original size', () => {
    expect(createUtf8Truncator(4)('héllo')).toEqual({ text: 'hél', originalBytes: 6 });
    expect(createUtf8Truncator(2)('héllo')).toEqual({ text: 'h', originalBytes: 6 });
    // 📦 is a surrogate pair of 4 bytes: it is never split.
    expect(createUtf8Truncator(5)('ab📦cd')).toEqual({ text: 'ab', originalBytes: 8 });
    expect(createUtf8Truncator(6)('ab📦cd')).toEqual({ text: 'ab📦', originalBytes: 8 });
  });

  it('keeps the longest prefix that fits for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('a', 'é', '€', '📦', '\ud800'),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 80 }),
        (text, maxBytes) => {
          const result = createUtf8Truncator(maxBytes)(text);
          const bytes = Buffer.byteLength(text);
          if (bytes <= maxBytes) {
            expect(result).toBeUndefined();
            return;
          }
          expect(result?.originalBytes).toBe(bytes);
          const kept = result!.text;
          expect(text.startsWith(kept)).toBe(true);
          expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(maxBytes);
          // The next whole character would not have fitted.
          const next = String.fromCodePoint(text.codePointAt(kept.length)!);
          expect(Buffer.byteLength(kept + next)).toBeGreaterThan(maxBytes);
          // Never ends between the halves of a surrogate pair.
          const last = kept.charCodeAt(kept.length - 1);
          const following = text.charCodeAt(kept.length);
          expect(
            last >= 0xd800 && last <= 0xdbff && following >= 0xdc00 && following <= 0xdfff,
          ).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
