import type { SinkRecord } from '@logferry/sink';
import {
  createTestRecords,
  type FakeHttpIntake,
  startFakeHttpIntake,
} from '@logferry/sink-testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultEvent } from './create-default-event';
import { createHttpSink } from './create-http-sink';
import { measureBody } from './measure-body';
import { parseIntakeEvents } from './test-support';

let intake: FakeHttpIntake;

beforeAll(async () => {
  intake = await startFakeHttpIntake();
});

afterAll(async () => {
  await intake.close();
});

const template = createTestRecords(1, { seed: 42 })[0]!;
// Any code points (lone surrogates, U+2028, control characters, emoji), and a few long lines.
const message = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 300, maxLength: 900 }) },
);
const batch = fc.array(message, { maxLength: 40 }).map((messages) =>
  messages.map(
    (text, index): SinkRecord => ({
      ...template,
      id: String(36990390990134150016227618181431330390633573838329307136n + BigInt(index)),
      timestamp: template.timestamp + index,
      message: text,
    }),
  ),
);
const settings = fc.record({
  format: fc.constantFrom('ndjson' as const, 'json-array' as const),
  compression: fc.constantFrom('gzip' as const, 'none' as const),
  maxBytes: fc.integer({ min: 256, max: 4000 }),
  maxEvents: fc.integer({ min: 1, max: 12 }),
});

describe('createHttpSink (property)', () => {
  it('puts every record in exactly one request, in order, within maxBytes, and the bodies parse back to the events', async () => {
    await fc.assert(
      fc.asyncProperty(batch, settings, async (records, options) => {
        const sink = createHttpSink({ url: intake.url, ...options });
        const before = intake.requests().length;
        try {
          const result = await sink.send(records);
          const requests = intake.requests().slice(before);

          // One outcome per record: delivered, or rejected because it cannot fit alone.
          expect(result.outcomes).toHaveLength(records.length);
          const expectedStatus = records.map((record) => {
            const bytes = Buffer.byteLength(JSON.stringify(createDefaultEvent(record)));
            return measureBody(options.format, 1, bytes) > options.maxBytes
              ? 'rejected'
              : 'delivered';
          });
          expect(result.outcomes.map((outcome) => outcome.status)).toEqual(expectedStatus);

          // The bodies hold exactly the delivered records' events, in input order, once each.
          const received = requests.flatMap((request) => parseIntakeEvents(request));
          expect(received).toEqual(
            records
              .filter((_, index) => expectedStatus[index] === 'delivered')
              .map((record) => JSON.parse(JSON.stringify(createDefaultEvent(record)))),
          );

          // Every body is within maxBytes before and after compression, and within maxEvents.
          for (const request of requests) {
            expect(request.body.length).toBeLessThanOrEqual(options.maxBytes);
            expect(request.rawBytes).toBeLessThanOrEqual(options.maxBytes);
            expect(parseIntakeEvents(request).length).toBeLessThanOrEqual(options.maxEvents);
            // gzip is used only when it makes the body smaller.
            if (request.headers['content-encoding'] === 'gzip') {
              expect(options.compression).toBe('gzip');
              expect(request.rawBytes).toBeLessThan(request.body.length);
            } else {
              expect(request.headers['content-encoding']).toBeUndefined();
              expect(request.rawBytes).toBe(request.body.length);
            }
          }
          expect(result.requests).toBe(requests.length);
          expect(result.bytesSent).toBe(
            requests.reduce((total, request) => total + request.rawBytes, 0),
          );
        } finally {
          await sink.close?.();
        }
      }),
      { numRuns: 60 },
    );
  });
});
