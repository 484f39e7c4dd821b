import type { RecordOutcome } from '@logferry/sink';
import { createTestRecords } from '@logferry/sink-testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliverToSinks } from './deliver-to-sinks';
import { defaultRetryPolicy } from './retry-policy';
import { createScriptedSink } from './test-support/create-scripted-sink';

const outcome = fc.constantFrom<RecordOutcome>(
  { status: 'delivered' },
  { status: 'retryable', reason: 'throttled' },
  { status: 'rejected', reason: 'mapping' },
);

describe('deliverToSinks (property)', () => {
  it('accounts for every record exactly once, never re-sends a settled one, and respects maxAttempts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        // script[attempt][record]: the answer of each send.
        fc.array(fc.array(outcome, { minLength: 12, maxLength: 12 }), {
          minLength: 5,
          maxLength: 5,
        }),
        async (count, maxAttempts, script) => {
          const records = createTestRecords(count);
          const sink = createScriptedSink('sink', (record, attempt) => {
            const index = records.indexOf(record);
            return script[attempt - 1]?.[index] ?? { status: 'delivered' };
          });
          const policy = { ...defaultRetryPolicy, maxAttempts, sleep: async () => {} };

          const [result] = await deliverToSinks([{ sink, records }], policy);

          expect(result?.outcomes).toHaveLength(count);
          expect(sink.calls.length).toBeLessThanOrEqual(maxAttempts);
          records.forEach((record, index) => {
            const sends = sink.calls.filter((call) => call.includes(record)).length;
            // A record is sent again only while it keeps coming back retryable.
            for (let attempt = 1; attempt < sends; attempt += 1) {
              expect(script[attempt - 1]?.[index]?.status).toBe('retryable');
            }
            const last = script[sends - 1]?.[index];
            const final = result?.outcomes[index];
            if (last?.status === 'retryable') {
              expect(final?.status).toBe('unsettled');
              expect(sends).toBe(maxAttempts);
            } else {
              expect(final?.status).toBe(last?.status);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
