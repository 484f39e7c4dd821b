import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKeySegment } from './decode-key-segment';
import { encodeKeySegment, maxKeySegmentBytes } from './encode-key-segment';

// Log group names are 1-512 characters of [.\-_/#A-Za-z0-9]; the encoder takes any string.
const logGroupName = fc.stringMatching(/^[.\-_/#A-Za-z0-9]{1,512}$/);
const anyString = fc.oneof(
  fc.string({ maxLength: 600 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  logGroupName,
);

describe('encodeKeySegment (property)', () => {
  it('yields one safe key segment for any string: no "/", no "..", not "." and within the byte bound', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const segment = encodeKeySegment(value);
        expect(segment).toMatch(/^[A-Za-z0-9_.%~-]+$/);
        expect(segment).not.toContain('/');
        expect(segment).not.toContain('..');
        expect(segment).not.toBe('.');
        expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(maxKeySegmentBytes);
        expect(encodeKeySegment(value)).toBe(segment);
      }),
      { numRuns: 500 },
    );
  });

  it('is reversible for every well-formed string it does not cut', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const segment = encodeKeySegment(value);
        const wellFormed = Buffer.from(value, 'utf8').toString('utf8') === value;
        if (segment.includes('~') && value !== '') {
          expect(decodeKeySegment(segment)).toBeUndefined();
        } else if (wellFormed) {
          expect(decodeKeySegment(segment)).toBe(value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives distinct values distinct segments', () => {
    fc.assert(
      fc.property(logGroupName, logGroupName, (left, right) => {
        fc.pre(left !== right);
        expect(encodeKeySegment(left)).not.toBe(encodeKeySegment(right));
      }),
      { numRuns: 500 },
    );
  });
});
