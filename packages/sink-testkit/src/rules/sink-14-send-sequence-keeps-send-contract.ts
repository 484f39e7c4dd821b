import type { SendResult, SinkRecord } from '@logferry/sink';
import { isSinkError } from '@logferry/sink';
import { createTestRecords } from '../create-test-records';
import { createIncompressibleText } from './create-incompressible-text';
import { defineRule } from './define-rule';
import { hasNoSendSequence } from './has-no-send-sequence';
import type { RuleProbe, SequenceAttempt } from './rule-probe';
import { summarizeError } from './summarize-error';

/**
 * SINK-14 (SHOULD): `sendSequence()`, when the sink has one, keeps `send()`'s contract for records
 * produced on demand.
 *
 * @example
 * ```ts
 * await sink14SendSequenceKeepsSendContract.check(harness);
 * ```
 */
export const sink14SendSequenceKeepsSendContract = defineRule({
  id: 'SINK-14',
  level: 'SHOULD',
  statement:
    "sendSequence(), when present, keeps send()'s contract for records produced on demand: it iterates the sequence once, takes each record once, in order, until the sequence ends (stopping early only when its signal aborts), and resolves with exactly one well-formed outcome per record it took, in that order — delivered only when stored",
  cases: [
    {
      name: 'a generator to a healthy destination',
      skipReason: hasNoSendSequence,
      run: async (probe) => {
        const records = createTestRecords(40, { seed: 1401 });
        const scenario = 'a generator of 40 records, healthy destination';
        const attempt = await probe.sendSequence(probe.createSequence(records));
        expectConsumedOnce(probe, attempt, scenario);
        const result = probe.expectResolved(attempt, scenario, 'sendSequence()');
        const { taken, exhausted, closed } = attempt.consumption;
        if (!exhausted) {
          probe.fail(
            `sendSequence() stopped taking records after ${taken} of ${records.length}${closed ? ' and closed the sequence' : ''} although its signal never aborted; it must take records until the sequence ends (${scenario})`,
          );
        }
        expectOneOutcomePerTakenRecord(probe, attempt, result, scenario);
        probe.expectWellFormed(result, records, scenario, 'sendSequence()');
        probe.expectAllDelivered(result, records, scenario);
        if (result.requests !== attempt.requests) {
          probe.fail(
            `result.requests says ${result.requests} but the destination received ${attempt.requests} request(s) (${scenario})`,
          );
        }
        if (result.bytesSent === 0) {
          probe.fail(
            `result.bytesSent is 0 after delivering 40 records; it must count the body bytes put on the wire (${scenario})`,
          );
        }
        await probe.expectStoredExactlyOnce(records, scenario);
      },
    },
    {
      name: 'a signal that aborts while the first request is in flight',
      skipReason: hasNoSendSequence,
      run: async (probe) => {
        const { harness } = probe;
        const { records, description } = createAbortBatch(probe);
        const scenario = `a generator of ${description}; the first request hangs and the signal aborts once the destination has it`;
        // Well under the sink's own timeout, so only the abort can explain a prompt return.
        const promptMs = Math.max(150, harness.timeoutMs * 0.6);
        harness.injectFault({ kind: 'hang', times: 1 });
        const controller = new AbortController();
        const before = harness.requestCount();
        const started = performance.now();
        let abortedAfterMs: number | undefined;
        let takenAtAbort = 0;
        const abortOnFirstRequest = (): void => {
          if (abortedAfterMs !== undefined || harness.requestCount() === before) return;
          abortedAfterMs = performance.now() - started;
          takenAtAbort = sequence.consumption().taken;
          controller.abort();
        };
        // The sequence aborts synchronously when a sink that keeps taking records during its first
        // request asks for one; the timer covers a sink waiting on that request.
        const sequence = probe.createSequence(records, { beforeTake: abortOnFirstRequest });
        const timer = setInterval(abortOnFirstRequest, 5);
        let attempt: SequenceAttempt;
        try {
          attempt = await probe.sendSequence(sequence, { signal: controller.signal });
        } finally {
          clearInterval(timer);
        }
        if (abortedAfterMs === undefined) {
          probe.fail(
            `sendSequence() ${attempt.kind === 'timed-out' ? `was still pending after ${attempt.elapsedMs} ms` : attempt.kind} without the destination receiving a request (${scenario})`,
            attempt.kind === 'rejected' ? summarizeError(attempt.error) : undefined,
          );
        }
        const pendingAfterAbortMs = Math.round(attempt.elapsedMs - abortedAfterMs!);
        if (attempt.kind === 'timed-out' || pendingAfterAbortMs > promptMs) {
          probe.fail(
            `sendSequence() was still pending ${pendingAfterAbortMs} ms after its signal aborted (${scenario}); it must settle within ${promptMs} ms, before its own ${harness.timeoutMs} ms timeout`,
          );
        }
        expectConsumedOnce(probe, attempt, scenario);
        if (attempt.kind === 'rejected') {
          const { error } = attempt;
          if (!isSinkError(error) || error.code !== 'aborted' || !error.retryable) {
            probe.fail(
              `sendSequence() threw something other than SinkError { code: 'aborted', retryable: true } (${scenario})`,
              summarizeError(error),
            );
          }
          return;
        }
        const result = probe.expectResolved(attempt, scenario, 'sendSequence()');
        const { taken } = attempt.consumption;
        const takenAfterAbort = taken - takenAtAbort;
        expectOneOutcomePerTakenRecord(
          probe,
          attempt,
          result,
          `${scenario}; ${takenAfterAbort} of the records were taken after the abort`,
        );
        const takenRecords = records.slice(0, taken);
        probe.expectWellFormed(result, takenRecords, scenario, 'sendSequence()');
        await probe.expectDeliveredAreStored(result, takenRecords, scenario);
        const wrong = result.outcomes.findIndex((outcome) => outcome.status === 'rejected');
        if (wrong !== -1) {
          probe.fail(
            `record ${wrong} was rejected because the call was aborted (${scenario}); it must be retryable`,
            result.outcomes[wrong],
          );
        }
      },
    },
  ],
});

/**
 * Several requests' worth when the harness declares its byte limit (so a sink that sends as it
 * takes stops mid-sequence), else SINK-1's batch size.
 */
function createAbortBatch(probe: RuleProbe): {
  readonly records: readonly SinkRecord[];
  readonly description: string;
} {
  const limit = probe.harness.maxRequestBytes;
  if (limit === undefined) {
    return {
      records: createTestRecords(40, { seed: 1402 }),
      description: '40 records',
    };
  }
  const messageBytes = Math.floor(limit / 4);
  return {
    records: createTestRecords(12, { seed: 1402 }).map((record, index) => ({
      ...record,
      message: createIncompressibleText(messageBytes, `sink-14-${index}`),
    })),
    description: `12 records of ${messageBytes} incompressible bytes, limit ${limit} bytes`,
  };
}

function expectConsumedOnce(probe: RuleProbe, attempt: SequenceAttempt, scenario: string): void {
  const { iterations, callsAfterEnd } = attempt.consumption;
  if (iterations !== 1) {
    probe.fail(
      `sendSequence() called [Symbol.iterator]() ${iterations} times; it must iterate the sequence exactly once — a generator cannot be replayed, so a second pass sees no records (${scenario})`,
    );
  }
  if (callsAfterEnd > 0) {
    probe.fail(
      `sendSequence() called next() ${callsAfterEnd} more time(s) after the sequence reported done (or was closed); an iterator need not stay done, so the sink could take a record after the end (${scenario})`,
    );
  }
}

// A malformed result is left to expectWellFormed, which says what is wrong with it.
function expectOneOutcomePerTakenRecord(
  probe: RuleProbe,
  attempt: SequenceAttempt,
  result: SendResult,
  scenario: string,
): void {
  const { taken } = attempt.consumption;
  const outcomes = (result as Partial<SendResult> | null)?.outcomes;
  if (Array.isArray(outcomes) && outcomes.length !== taken) {
    probe.fail(
      `sendSequence() returned ${outcomes.length} outcomes but took ${taken} records from the sequence; it must report exactly one outcome per record it took, and none for records it never took (${scenario})`,
    );
  }
}
