import { isSinkError } from '@logferry/sink';
import { createTestRecords } from '../create-test-records';
import { defineRule } from './define-rule';
import { expectTransientOutcomes } from './expect-transient-outcomes';
import { hasNoHealthCheck } from './has-no-health-check';
import { summarizeError } from './summarize-error';

/**
 * SINK-5 (MUST): every network call has a timeout, so a destination that never answers cannot
 * hold the delivery loop.
 *
 * @example
 * ```ts
 * await sink5TimeoutOnEveryCall.check(harness);
 * ```
 */
export const sink5TimeoutOnEveryCall = defineRule({
  id: 'SINK-5',
  level: 'MUST',
  statement:
    'every network call has a timeout: when the destination never answers, send() settles within about the configured timeout with the affected records retryable, and checkHealth() rejects with a retryable SinkError (code timeout)',
  cases: [
    {
      name: 'send() when the destination never answers',
      run: async (probe) => {
        const records = createTestRecords(6, { seed: 501 });
        const limitMs = probe.harness.timeoutMs * 2 + 1000;
        probe.harness.injectFault({ kind: 'hang', times: 1 });
        const attempt = await probe.send(records, { limitMs });
        if (attempt.kind === 'timed-out') {
          probe.fail(
            `send() was still pending ${attempt.elapsedMs} ms after the destination stopped answering; the sink declares a ${probe.harness.timeoutMs} ms timeout`,
          );
        }
        const result = probe.expectResolved(attempt, 'destination never answered');
        await expectTransientOutcomes(
          probe,
          result,
          records,
          'destination never answered',
          attempt.requests,
        );
      },
    },
    {
      name: 'checkHealth() when the destination never answers',
      skipReason: hasNoHealthCheck,
      run: async (probe) => {
        const sink = probe.harness.sink;
        const limitMs = probe.harness.timeoutMs * 2 + 1000;
        probe.harness.injectFault({ kind: 'hang', times: 1 });
        const settled = await probe.settle(() => sink.checkHealth!(), limitMs);
        if (settled.kind === 'timed-out') {
          probe.fail(
            `checkHealth() was still pending ${settled.elapsedMs} ms after the destination stopped answering; the sink declares a ${probe.harness.timeoutMs} ms timeout`,
          );
        }
        if (settled.kind === 'resolved') {
          probe.fail('checkHealth() resolved although the destination never answered');
        }
        const error = (settled as { error: unknown }).error;
        if (!isSinkError(error) || !error.retryable || error.code !== 'timeout') {
          probe.fail(
            'checkHealth() must reject with a SinkError { code: "timeout", retryable: true } when the destination never answers',
            summarizeError(error),
          );
        }
      },
    },
  ],
});
