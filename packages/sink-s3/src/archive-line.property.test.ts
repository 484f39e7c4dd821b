import type { SinkRecord } from '@logferry/sink';
import { createTestRecords } from '@logferry/sink-testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeArchiveLine } from './encode-archive-line';
import { parseArchiveLine } from './parse-archive-line';

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('\u2028', '\u2029', '\r\n', '"\\', '\ud800', '\udfff'),
);
const record: fc.Arbitrary<SinkRecord> = fc.record(
  {
    id: fc.stringMatching(/^\d{56}$/),
    timestamp: fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
    message: text,
    extractedFields: fc.dictionary(fc.string({ maxLength: 10 }), text, { maxKeys: 4 }),
    owner: fc.stringMatching(/^\d{12}$/),
    logGroup: text,
    logStream: text,
    subscriptionFilters: fc.array(text, { maxLength: 3 }),
    policyLevel: fc.constant('ACCOUNT_LEVEL_POLICY'),
    position: fc.record(
      {
        shardId: fc.string({ minLength: 1, maxLength: 30 }),
        sequenceNumber: fc.bigInt({ min: 0n, max: 10n ** 56n }).map(String),
        recordIndex: fc.nat(),
        eventIndex: fc.nat(),
        approximateArrivalTimestamp: fc.integer({ min: 0, max: 2 ** 45 }),
      },
      { requiredKeys: ['shardId', 'sequenceNumber', 'recordIndex', 'eventIndex'] },
    ),
  },
  {
    requiredKeys: [
      'id',
      'timestamp',
      'message',
      'owner',
      'logGroup',
      'logStream',
      'subscriptionFilters',
      'position',
    ],
  },
);

describe('encodeArchiveLine → parseArchiveLine (property)', () => {
  it('gives back the same record, and the line never contains a line break', () => {
    fc.assert(
      fc.property(record, (original) => {
        const line = encodeArchiveLine(original);
        expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(parseArchiveLine(line)).toEqual(original);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips the testkit records (unicode, control characters, multi-KB messages)', () => {
    for (const original of createTestRecords(64, { seed: 7 })) {
      expect(parseArchiveLine(encodeArchiveLine(original))).toEqual(original);
    }
  });
});
