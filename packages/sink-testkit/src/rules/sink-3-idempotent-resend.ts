import { createTestRecords } from '../create-test-records';
import { defineRule } from './define-rule';

/**
 * SINK-3 (MUST): re-sending records that were already delivered stores nothing twice.
 *
 * @example
 * ```ts
 * await sink3IdempotentResend.check(harness);
 * ```
 */
export const sink3IdempotentResend = defineRule({
  id: 'SINK-3',
  level: 'MUST',
  statement:
    're-sending records the destination already holds is delivered and stores nothing twice (Kinesis replays every record after the lowest failed sequence number, so duplicates are normal input)',
  cases: [
    {
      name: 'a Kinesis replay overlapping delivered records',
      run: async (probe) => {
        const batch = createTestRecords(24, { seed: 301 });
        // Lambda hands back every record from the failed Kinesis record on (events 8.. belong
        // to Kinesis records 2..5), followed by records that arrived since.
        const replay = [...batch.slice(8), ...createTestRecords(12, { seed: 301, offset: 24 })];
        for (const [scenario, records] of [
          ['first delivery', batch],
          ['replay of Kinesis records 2.. plus new records', replay],
          ['replay of the whole first batch', batch],
        ] as const) {
          const result = probe.expectResolved(await probe.send(records), scenario);
          probe.expectWellFormed(result, records, scenario);
          probe.expectAllDelivered(result, records, scenario);
        }
        await probe.expectStoredExactlyOnce([...batch, ...replay.slice(16)], 'after two replays');
      },
    },
    {
      name: 'a response lost after the destination stored the batch',
      run: async (probe) => {
        const records = createTestRecords(12, { seed: 302 });
        probe.harness.injectFault({ kind: 'lost-response', times: 1 });
        const scenario = 'the connection dropped after the destination stored the request';
        const result = probe.expectResolved(await probe.send(records), scenario);
        probe.expectWellFormed(result, records, scenario);
        await probe.expectDeliveredAreStored(result, records, scenario);
        const rejected = result.outcomes.findIndex((outcome) => outcome.status === 'rejected');
        if (rejected !== -1) {
          probe.fail(
            `record ${rejected} was rejected after a dropped connection (${scenario}); a lost response is transient and must be retryable`,
            result.outcomes[rejected],
          );
        }
        const again = probe.expectResolved(await probe.send(records), 'the re-send');
        probe.expectWellFormed(again, records, 'the re-send');
        probe.expectAllDelivered(again, records, 'the re-send');
        await probe.expectStoredExactlyOnce(records, 'after the re-send');
      },
    },
  ],
});
