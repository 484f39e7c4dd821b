import type { SinkRecord } from '@logferry/sink';
import { isSinkError } from '@logferry/sink';
import { createTestRecords } from '../create-test-records';
import { defineRule } from './define-rule';
import type { RuleProbe, SendAttempt } from './rule-probe';
import { summarizeError } from './summarize-error';

/**
 * SINK-6 (MUST): `send()` honours the caller's `AbortSignal`.
 *
 * @example
 * ```ts
 * await sink6HonoursAbortSignal.check(harness);
 * ```
 */
export const sink6HonoursAbortSignal = defineRule({
  id: 'SINK-6',
  level: 'MUST',
  statement:
    "send() honours options.signal: once it aborts, the sink stops, settles promptly and either reports the unconfirmed records retryable or throws SinkError { code: 'aborted', retryable: true }; an already-aborted signal makes no request",
  cases: [
    {
      name: 'a signal that is already aborted',
      run: async (probe) => {
        const records = createTestRecords(5, { seed: 601 });
        const controller = new AbortController();
        controller.abort();
        const attempt = await probe.send(records, { signal: controller.signal, limitMs: 1000 });
        if (attempt.kind === 'timed-out') {
          probe.fail(
            `send() with an aborted signal was still pending after ${attempt.elapsedMs} ms`,
          );
        }
        await expectAbortedOutcome(probe, attempt, records, 'signal aborted before the call');
        if (attempt.requests !== 0) {
          probe.fail(
            `send() made ${attempt.requests} request(s) although its signal was already aborted`,
          );
        }
      },
    },
    {
      name: 'a signal that aborts while a request is in flight',
      run: async (probe) => {
        const records = createTestRecords(5, { seed: 602 });
        const abortAfterMs = 30;
        // Well under the sink's own timeout, so only the abort can explain a prompt return.
        const limitMs = abortAfterMs + Math.max(150, probe.harness.timeoutMs * 0.6);
        probe.harness.injectFault({ kind: 'hang', times: 1 });
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), abortAfterMs);
        try {
          const attempt = await probe.send(records, { signal: controller.signal, limitMs });
          if (attempt.kind === 'timed-out') {
            probe.fail(
              `send() was still pending ${attempt.elapsedMs - abortAfterMs} ms after its signal aborted`,
            );
          }
          await expectAbortedOutcome(probe, attempt, records, 'signal aborted mid-request');
        } finally {
          clearTimeout(timer);
        }
      },
    },
  ],
});

async function expectAbortedOutcome(
  probe: RuleProbe,
  attempt: SendAttempt,
  records: readonly SinkRecord[],
  scenario: string,
): Promise<void> {
  if (attempt.kind === 'rejected') {
    const error = attempt.error;
    if (!isSinkError(error) || error.code !== 'aborted' || !error.retryable) {
      probe.fail(
        `send() threw something other than SinkError { code: 'aborted', retryable: true } (${scenario})`,
        summarizeError(error),
      );
    }
    return;
  }
  const result = probe.expectResolved(attempt, scenario);
  probe.expectWellFormed(result, records, scenario);
  await probe.expectDeliveredAreStored(result, records, scenario);
  const wrong = result.outcomes.findIndex((outcome) => outcome.status === 'rejected');
  if (wrong !== -1) {
    probe.fail(
      `record ${wrong} was rejected because the call was aborted (${scenario}); it must be retryable`,
      result.outcomes[wrong],
    );
  }
}
