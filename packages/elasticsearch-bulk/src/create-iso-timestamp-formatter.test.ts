import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIsoTimestampFormatter, MAX_ISO_TIMESTAMP } from './create-iso-timestamp-formatter';

describe('createIsoTimestampFormatter', () => {
  it('formats like Date#toISOString', () => {
    const format = createIsoTimestampFormatter();
    expect(format(1658732828000)).toBe('2022-07-25T07:07:08.000Z');
    expect(format(1658732828123)).toBe('2022-07-25T07:07:08.123Z');
    expect(format(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(format(MAX_ISO_TIMESTAMP)).toBe('9999-12-31T23:59:59.999Z');
    expect(format(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59.999Z');
  });

  it('passes other values to Date#toISOString', () => {
    const format = createIsoTimestampFormatter();
    expect(format(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(format(1.9)).toBe('1970-01-01T00:00:00.001Z');
    expect(format(MAX_ISO_TIMESTAMP + 1)).toBe('+010000-01-01T00:00:00.000Z');
    expect(() => format(Number.NaN)).toThrow(RangeError);
  });

  it('matches Date#toISOString for any timestamp, in any order of days (property)', () => {
    const format = createIsoTimestampFormatter();
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: MAX_ISO_TIMESTAMP }), { minLength: 1, maxLength: 20 }),
        (timestamps) => {
          for (const timestamp of timestamps) {
            expect(format(timestamp)).toBe(new Date(timestamp).toISOString());
            // Same day, other time: exercises the cached date part.
            const sameDay = timestamp - (timestamp % 86_400_000) + 43_200_123;
            if (sameDay <= MAX_ISO_TIMESTAMP)
              expect(format(sameDay)).toBe(new Date(sameDay).toISOString());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
