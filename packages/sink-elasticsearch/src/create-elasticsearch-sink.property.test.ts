import {
  createTestRecords,
  type FakeElasticsearch,
  startFakeElasticsearch,
} from '@logferry/sink-testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElasticsearchSink } from './create-elasticsearch-sink';

type ItemFate = 'accept' | 'already-stored' | 429 | 503 | 400;

const fates: readonly ItemFate[] = ['accept', 'already-stored', 429, 503, 400];

let fake: FakeElasticsearch;
beforeAll(async () => {
  fake = await startFakeElasticsearch();
});
afterAll(async () => {
  await fake.close();
});

describe('createElasticsearchSink (property)', () => {
  it('returns one outcome per record in order, and delivered exactly when this send stored it', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...fates), { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('gzip' as const, 'none' as const),
        fc.option(fc.nat({ max: 5 }), { nil: undefined }),
        async (itemFates, maxOperations, compression, failedRequest) => {
          run += 1;
          const records = createTestRecords(itemFates.length, {
            seed: 10_000 + run,
            largeMessageEvery: 0,
          });
          const sink = createElasticsearchSink({
            url: fake.url,
            auth: { type: 'none' },
            maxOperations,
            compression,
          });
          const alreadyStored = records.filter((_, index) => itemFates[index] === 'already-stored');
          if (alreadyStored.length > 0) await sink.send(alreadyStored);
          records.forEach((record, index) => {
            const fate = itemFates[index]!;
            if (typeof fate === 'number') {
              fake.failItems({
                match: (action) => action.id === record.id,
                status: fate,
                times: 1,
              });
            }
          });
          const requestsBefore = fake.requestCount();
          if (failedRequest !== undefined) {
            fake.injectFault({
              kind: 'status',
              status: 503,
              match: () => fake.requestCount() === requestsBefore + failedRequest + 1,
            });
          }

          const result = await sink.send(records);
          fake.clearFaults();

          expect(result.outcomes).toHaveLength(records.length);
          const stored = new Set(fake.storedIds());
          records.forEach((record, index) => {
            const outcome = result.outcomes[index]!;
            const fate = itemFates[index]!;
            // A record stored by an earlier send stays stored whatever this send reports.
            if (fate === 'already-stored') expect(stored.has(record.id)).toBe(true);
            else expect(outcome.status === 'delivered').toBe(stored.has(record.id));
            if (outcome.status !== 'delivered') expect(outcome.reason).not.toBe('');
            if (fate === 400) expect(outcome.status).not.toBe('delivered');
            if (fate === 429 || fate === 503) expect(outcome.status).toBe('retryable');
            if (failedRequest === undefined) {
              const expected =
                fate === 400 ? 'rejected' : typeof fate === 'number' ? 'retryable' : 'delivered';
              expect(outcome).toMatchObject({
                status: expected,
                ...(typeof fate === 'number' ? { httpStatus: fate } : {}),
              });
            } else if (outcome.status === 'rejected') {
              expect(fate).toBe(400);
            }
          });
          expect(result.requests).toBe(fake.requestCount() - requestsBefore);
        },
      ),
      { numRuns: 60 },
    );
  });
});
