import type { SinkRecord } from '@logferry/sink';
import { createTestRecords } from '../create-test-records';
import { defineRule } from './define-rule';
import { requireCapability } from './require-capability';

const retryableIndexes = [2, 11, 17];
const rejectedIndexes = [5, 23];

/**
 * SINK-2 (MUST): `delivered` only for records the destination durably accepted, reported at the
 * record's own index; per-record failures keep their class.
 *
 * @example
 * ```ts
 * await sink2DeliveredMeansStored.check(harness);
 * ```
 */
export const sink2DeliveredMeansStored = defineRule({
  id: 'SINK-2',
  level: 'MUST',
  statement:
    'a record is reported delivered only when the destination durably accepted it; a record the destination refused is reported at its own index, retryable for a transient refusal (429, 5xx) and rejected for a permanent one',
  cases: [
    {
      name: 'per-record failures inside an accepted request',
      run: async (probe) => {
        const failRecords = requireCapability(
          probe.harness,
          'SINK-2',
          'failRecords',
          'make the destination refuse given records once; startFakeElasticsearch().failItems() does this',
        );
        const records = createTestRecords(30, { seed: 201 });
        const pick = (indexes: readonly number[]) => indexes.map((index) => records[index]!.id);
        failRecords(pick(retryableIndexes), 'retryable');
        failRecords(pick(rejectedIndexes), 'rejected');

        const scenario = 'destination refused records 2, 11, 17 (transient) and 5, 23 (permanent)';
        const result = probe.expectResolved(await probe.send(records), scenario);
        probe.expectWellFormed(result, records, scenario);
        await probe.expectDeliveredAreStored(result, records, scenario);
        records.forEach((record, index) => {
          const expected = retryableIndexes.includes(index)
            ? 'retryable'
            : rejectedIndexes.includes(index)
              ? 'rejected'
              : 'delivered';
          const outcome = result.outcomes[index]!;
          if (outcome.status !== expected) {
            probe.fail(
              `record ${index} (id ${record.id}) should be '${expected}' but is '${outcome.status}' (${scenario}); outcomes must be matched to records by position, not assumed`,
              result.outcomes.map((each) => each.status),
            );
          }
        });

        const replay: SinkRecord[] = retryableIndexes.map((index) => records[index]!);
        const replayResult = probe.expectResolved(
          await probe.send(replay),
          'replay of the transient failures',
        );
        probe.expectWellFormed(replayResult, replay, 'replay of the transient failures');
        probe.expectAllDelivered(replayResult, replay, 'replay of the transient failures');
        await probe.expectStoredExactlyOnce(
          records.filter((_, index) => !rejectedIndexes.includes(index)),
          'after the replay',
        );
      },
    },
  ],
});
