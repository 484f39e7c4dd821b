import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestRecords } from './create-test-records';

describe('createTestRecords (properties)', () => {
  it('continues a stream exactly: records(a) ++ records(b, offset a) equals records(a + b)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 9 }),
        (first, second, seed, eventsPerKinesisRecord) => {
          const options = { seed, eventsPerKinesisRecord };
          expect([
            ...createTestRecords(first, options),
            ...createTestRecords(second, { ...options, offset: first }),
          ]).toEqual(createTestRecords(first + second, options));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('always yields unique 56-digit ids and non-decreasing 56-digit sequence numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (count, seed, offset) => {
          const records = createTestRecords(count, { seed, offset });
          expect(new Set(records.map((record) => record.id)).size).toBe(count);
          for (const record of records) {
            expect(record.id).toMatch(/^\d{56}$/);
            expect(record.position.sequenceNumber).toMatch(/^\d{56}$/);
          }
          for (let index = 1; index < records.length; index += 1) {
            expect(BigInt(records[index]!.position.sequenceNumber)).toBeGreaterThanOrEqual(
              BigInt(records[index - 1]!.position.sequenceNumber),
            );
            expect(BigInt(records[index]!.id)).toBeGreaterThan(BigInt(records[index - 1]!.id));
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
