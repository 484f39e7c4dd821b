import { isSinkError } from '@logferry/sink';
import { defineRule } from './define-rule';
import { hasNoHealthCheck } from './has-no-health-check';
import { summarizeError } from './summarize-error';

/**
 * SINK-13 (SHOULD): `checkHealth()` reaches the destination, writes nothing and classifies
 * failures.
 *
 * @example
 * ```ts
 * await sink13HealthCheckWritesNothing.check(harness);
 * ```
 */
export const sink13HealthCheckWritesNothing = defineRule({
  id: 'SINK-13',
  level: 'SHOULD',
  statement:
    'checkHealth(), when present, makes at least one request to the destination, writes nothing, and rejects with a retryable SinkError when the destination fails transiently',
  cases: [
    {
      name: 'a healthy destination',
      skipReason: hasNoHealthCheck,
      run: async (probe) => {
        const before = probe.harness.requestCount();
        const settled = await probe.settle(() => probe.harness.sink.checkHealth!());
        if (settled.kind !== 'resolved') {
          probe.fail(
            `checkHealth() ${settled.kind === 'timed-out' ? 'timed out' : 'rejected'} against a healthy destination`,
            settled.kind === 'rejected' ? summarizeError(settled.error) : undefined,
          );
        }
        if (probe.harness.requestCount() === before) {
          probe.fail('checkHealth() resolved without contacting the destination');
        }
        const written = await probe.storedSinceStart();
        if (written.length > 0) {
          probe.fail(
            `checkHealth() wrote ${written.length} record(s) to the destination`,
            written.slice(0, 3),
          );
        }
      },
    },
    {
      name: 'a destination answering 503',
      skipReason: hasNoHealthCheck,
      run: async (probe) => {
        probe.harness.injectFault({ kind: 'status', status: 503, times: 1 });
        const settled = await probe.settle(() => probe.harness.sink.checkHealth!());
        if (settled.kind !== 'rejected') {
          probe.fail(`checkHealth() ${settled.kind} although the destination answered 503`);
        }
        const error = (settled as { error: unknown }).error;
        if (!isSinkError(error) || !error.retryable) {
          probe.fail(
            'checkHealth() must reject with a retryable SinkError after a 503',
            summarizeError(error),
          );
        }
      },
    },
  ],
});
