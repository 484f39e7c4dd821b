import { createTestRecords } from '../create-test-records';
import { createIncompressibleText } from './create-incompressible-text';
import { defineRule } from './define-rule';
import { requireCapability } from './require-capability';
import type { RuleProbe } from './rule-probe';

/**
 * SINK-9 (MUST): request bodies never exceed the configured byte limit.
 *
 * @example
 * ```ts
 * await sink9BoundedRequestBodies.check(harness);
 * ```
 */
export const sink9BoundedRequestBodies = defineRule({
  id: 'SINK-9',
  level: 'MUST',
  statement:
    'no request body exceeds the configured byte limit (memory stays bounded): a large batch is split across requests, and a record too large to fit alone is rejected without being sent',
  cases: [
    {
      name: 'a batch three times the limit is split',
      run: async (probe) => {
        const limit = readLimit(probe);
        const records = createTestRecords(12, { seed: 901 }).map((record, index) => ({
          ...record,
          message: createIncompressibleText(Math.floor(limit / 4), `sink-9-${index}`),
        }));
        const scenario = `12 records of ${Math.floor(limit / 4)} incompressible bytes, limit ${limit} bytes`;
        const result = probe.expectResolved(await probe.send(records), scenario);
        probe.expectWellFormed(result, records, scenario);
        probe.expectAllDelivered(result, records, scenario);
        expectWithinLimit(probe, limit, scenario);
        await probe.expectStoredExactlyOnce(records, scenario);
      },
    },
    {
      name: 'a record larger than the limit on its own is rejected',
      run: async (probe) => {
        const limit = readLimit(probe);
        const records = createTestRecords(3, { seed: 902 }).map((record, index) =>
          index === 1
            ? { ...record, message: createIncompressibleText(limit * 2, 'sink-9-huge') }
            : record,
        );
        const scenario = `record 1 alone is ${limit * 2} incompressible bytes, limit ${limit} bytes`;
        const result = probe.expectResolved(await probe.send(records), scenario);
        probe.expectWellFormed(result, records, scenario);
        const [first, huge, last] = result.outcomes;
        if (huge?.status !== 'rejected') {
          probe.fail(
            `the oversized record must be rejected (retrying cannot make it fit; retryable would block the shard) (${scenario})`,
            huge,
          );
        }
        if (first?.status !== 'delivered' || last?.status !== 'delivered') {
          probe.fail(`the records around the oversized one must still be delivered (${scenario})`, [
            first,
            last,
          ]);
        }
        expectWithinLimit(probe, limit, scenario);
        await probe.expectStoredExactlyOnce([records[0]!, records[2]!], scenario);
      },
    },
  ],
});

function readLimit(probe: RuleProbe): number {
  requireCapability(
    probe.harness,
    'SINK-9',
    'largestRequestBytes',
    'the largest body the destination received; every kit fake reports it in stats()',
  );
  return requireCapability(
    probe.harness,
    'SINK-9',
    'maxRequestBytes',
    'the byte limit the sink was configured with',
  );
}

function expectWithinLimit(probe: RuleProbe, limit: number, scenario: string): void {
  const largest = probe.harness.largestRequestBytes!();
  if (largest > limit) {
    probe.fail(
      `the destination received a ${largest}-byte request body, above the configured limit of ${limit} bytes (${scenario})`,
    );
  }
}
