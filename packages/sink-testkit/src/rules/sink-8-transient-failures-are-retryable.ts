import { createTestRecords } from '../create-test-records';
import type { ConformanceFault } from '../sink-conformance-harness';
import { defineRule } from './define-rule';
import { expectTransientOutcomes } from './expect-transient-outcomes';
import type { RuleProbe } from './rule-probe';

const faults: readonly { readonly name: string; readonly fault: ConformanceFault }[] = [
  { name: '429 Too Many Requests', fault: { kind: 'status', status: 429, times: 1 } },
  { name: '502 Bad Gateway with an HTML body', fault: { kind: 'status', status: 502, times: 1 } },
  { name: '503 Service Unavailable', fault: { kind: 'status', status: 503, times: 1 } },
  { name: 'connection reset', fault: { kind: 'reset', times: 1 } },
  { name: 'no answer until the timeout', fault: { kind: 'hang', times: 1 } },
];

/**
 * SINK-8 (MUST): whole-request transient failures become retryable outcomes; once the fault
 * clears, re-sending delivers every record exactly once.
 *
 * @example
 * ```ts
 * await sink8TransientFailuresAreRetryable.check(harness);
 * ```
 */
export const sink8TransientFailuresAreRetryable = defineRule({
  id: 'SINK-8',
  level: 'MUST',
  statement:
    'a whole-request transient failure (429, 5xx, connection reset, timeout) makes the affected records retryable — never delivered unless stored, never rejected, no throw — and once it clears, re-sending the batch delivers every record exactly once',
  cases: faults.map(({ name, fault }, index) => ({
    name,
    run: (probe: RuleProbe) => checkFault(probe, name, fault, 801 + index),
  })),
});

async function checkFault(
  probe: RuleProbe,
  name: string,
  fault: ConformanceFault,
  seed: number,
): Promise<void> {
  const records = createTestRecords(12, { seed });
  probe.harness.injectFault(fault);
  const attempt = await probe.send(records);
  const result = probe.expectResolved(attempt, name);
  await expectTransientOutcomes(probe, result, records, name, attempt.requests);
  if (fault.kind === 'status') {
    const wrong = result.outcomes.find(
      (outcome) =>
        outcome.status === 'retryable' &&
        outcome.httpStatus !== undefined &&
        outcome.httpStatus !== fault.status,
    );
    if (wrong !== undefined) {
      probe.fail(
        `an outcome carries httpStatus ${String((wrong as { httpStatus?: number }).httpStatus)} but the destination answered ${fault.status}`,
      );
    }
  }
  const again = probe.expectResolved(
    await probe.send(records),
    `re-send after the ${name} cleared`,
  );
  probe.expectWellFormed(again, records, `re-send after the ${name} cleared`);
  probe.expectAllDelivered(again, records, `re-send after the ${name} cleared`);
  await probe.expectStoredExactlyOnce(records, `re-send after the ${name} cleared`);
}
