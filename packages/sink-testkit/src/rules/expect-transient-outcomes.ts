import type { SendResult, SinkRecord } from '@logferry/sink';
import type { RuleProbe } from './rule-probe';

/**
 * Checks the outcomes of a send that hit one transient whole-request failure: nothing is
 * delivered unless stored, nothing is rejected, and at least one record is left retryable (the
 * one failed request's records), which also shows the sink did not retry on its own.
 *
 * @example
 * ```ts
 * await expectTransientOutcomes(probe, result, records, '503 answer', attempt.requests);
 * ```
 */
export async function expectTransientOutcomes(
  probe: RuleProbe,
  result: SendResult,
  records: readonly SinkRecord[],
  scenario: string,
  requests: number,
): Promise<void> {
  probe.expectWellFormed(result, records, scenario);
  await probe.expectDeliveredAreStored(result, records, scenario);
  const rejected = result.outcomes.findIndex((outcome) => outcome.status === 'rejected');
  if (rejected !== -1) {
    probe.fail(
      `record ${rejected} was rejected after a transient failure (${scenario}); rejected records are dead-lettered, transient failures must be retryable`,
      result.outcomes[rejected],
    );
  }
  if (result.outcomes.every((outcome) => outcome.status === 'delivered')) {
    probe.fail(
      `every record was reported delivered although the destination failed a request (${scenario}; ${requests} request(s) made): the sink retried on its own (see SINK-11) or ignored the failure`,
    );
  }
}
