import { createTestRecords } from '../create-test-records';
import type { ConformanceFault } from '../sink-conformance-harness';
import { defineRule } from './define-rule';

const faults: readonly { readonly name: string; readonly fault: ConformanceFault }[] = [
  { name: '429 answer', fault: { kind: 'status', status: 429, times: 1 } },
  { name: '503 answer', fault: { kind: 'status', status: 503, times: 1 } },
  { name: 'connection reset', fault: { kind: 'reset', times: 1 } },
];

/**
 * SINK-11 (SHOULD): sinks classify failures and leave retries to the delivery loop.
 *
 * @example
 * ```ts
 * await sink11NoInternalRetries.check(harness);
 * ```
 */
export const sink11NoInternalRetries = defineRule({
  id: 'SINK-11',
  level: 'SHOULD',
  statement:
    'a sink does not retry or back off on its own: after a transient failure it makes no more requests than a healthy send of the same batch and returns promptly (the delivery loop owns retry policy; splitting a batch after a 413 is allowed)',
  cases: [
    {
      name: 'one failed request is not repeated',
      run: async (probe) => {
        const healthy = await probe.send(createTestRecords(3, { seed: 1101 }));
        probe.expectResolved(healthy, 'healthy send of 3 records');
        for (const [index, { name, fault }] of faults.entries()) {
          probe.harness.injectFault(fault);
          const attempt = await probe.send(createTestRecords(3, { seed: 1102 + index }));
          if (attempt.requests > healthy.requests) {
            probe.fail(
              `after a ${name} the sink made ${attempt.requests} requests where a healthy send of the same size makes ${healthy.requests}: it retried on its own`,
            );
          }
          const promptMs = probe.harness.timeoutMs + 1000;
          if (attempt.elapsedMs > promptMs) {
            probe.fail(
              `send() took ${attempt.elapsedMs} ms after a ${name} (more than ${promptMs} ms): it backed off or retried on its own`,
            );
          }
        }
      },
    },
  ],
});
