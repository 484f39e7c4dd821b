import { isSinkError } from '@logferry/sink';
import { createTestRecords } from '../create-test-records';
import { defineRule } from './define-rule';
import { hasNoHealthCheck } from './has-no-health-check';
import type { RuleProbe } from './rule-probe';
import { summarizeError } from './summarize-error';

/**
 * SINK-7 (MUST): 401/403 are configuration problems, thrown as non-retryable `SinkError`s.
 *
 * @example
 * ```ts
 * await sink7CredentialFailuresThrow.check(harness);
 * ```
 */
export const sink7CredentialFailuresThrow = defineRule({
  id: 'SINK-7',
  level: 'MUST',
  statement:
    "a 401 or 403 answer is not about the records: send() and checkHealth() throw SinkError { code: 'authentication', retryable: false, httpStatus } and report no outcomes",
  cases: [
    { name: 'send() answered 401 Unauthorized', run: (probe) => expectSendThrows(probe, 401, 701) },
    { name: 'send() answered 403 Forbidden', run: (probe) => expectSendThrows(probe, 403, 702) },
    {
      name: 'checkHealth() answered 403 Forbidden',
      skipReason: hasNoHealthCheck,
      run: async (probe) => {
        probe.harness.injectFault({ kind: 'status', status: 403, times: 1 });
        const settled = await probe.settle(() => probe.harness.sink.checkHealth!());
        if (settled.kind !== 'rejected') {
          probe.fail(`checkHealth() ${settled.kind} although the destination answered 403`);
        }
        expectAuthenticationError(
          probe,
          (settled as { error: unknown }).error,
          403,
          'checkHealth()',
        );
      },
    },
  ],
});

async function expectSendThrows(probe: RuleProbe, status: 401 | 403, seed: number): Promise<void> {
  const records = createTestRecords(6, { seed });
  probe.harness.injectFault({ kind: 'status', status, times: 1 });
  const attempt = await probe.send(records);
  if (attempt.kind === 'timed-out') {
    probe.fail(`send() was still pending ${attempt.elapsedMs} ms after a ${status} answer`);
  }
  if (attempt.kind === 'resolved') {
    probe.fail(
      `send() resolved with outcomes after a ${status} answer; bad credentials must throw so the batch goes back to Kinesis instead of being retried or dead-lettered record by record`,
      attempt.value.outcomes?.slice(0, 3),
    );
  }
  expectAuthenticationError(probe, (attempt as { error: unknown }).error, status, 'send()');
  const stored = await probe.storedSinceStart();
  if (stored.length > 0) {
    probe.fail(`the destination holds ${stored.length} record(s) after answering ${status}`);
  }
}

function expectAuthenticationError(
  probe: RuleProbe,
  error: unknown,
  status: number,
  call: string,
): void {
  if (!isSinkError(error) || error.code !== 'authentication' || error.retryable) {
    probe.fail(
      `${call} must throw SinkError { code: 'authentication', retryable: false } after a ${status} answer`,
      summarizeError(error),
    );
  }
  if (error.httpStatus !== status) {
    probe.fail(`${call}'s SinkError must carry httpStatus ${status}`, error.httpStatus);
  }
  if (error.message.trim() === '') {
    probe.fail(`${call}'s SinkError has an empty message; say what failed and what was received`);
  }
}
