import type { RecordOutcome, SendResult, SinkRecord } from '@logferry/sink';
import type { ConformanceRuleId } from '../conformance-rule';
import { describeReceived } from '../describe-received';
import { ConformanceViolationError, SinkTestkitError } from '../errors';
import { maskSecrets } from '../mask-secrets';
import type { SinkConformanceHarness } from '../sink-conformance-harness';
import {
  type CountedSequence,
  type CountedSequenceOptions,
  createCountedSequence,
  type SequenceConsumption,
} from './create-counted-sequence';
import { summarizeError } from './summarize-error';

/**
 * How a bounded call ended.
 *
 * @example
 * ```ts
 * const settled: Settled<void> = { kind: 'timed-out', elapsedMs: 2000 };
 * ```
 */
export type Settled<T> =
  | { readonly kind: 'resolved'; readonly value: T; readonly elapsedMs: number }
  | { readonly kind: 'rejected'; readonly error: unknown; readonly elapsedMs: number }
  | { readonly kind: 'timed-out'; readonly elapsedMs: number };

/**
 * A `send()` call observed by a probe: how it ended and how many requests the destination
 * counted meanwhile.
 *
 * @example
 * ```ts
 * const attempt = await probe.send(records);
 * if (attempt.kind === 'resolved') attempt.value.outcomes;
 * ```
 */
export type SendAttempt = Settled<SendResult> & { readonly requests: number };

/**
 * A `sendSequence()` call observed by a probe: a {@link SendAttempt} plus how the sink consumed
 * the sequence, counted when the call settled (or timed out).
 *
 * @example
 * ```ts
 * const attempt = await probe.sendSequence(probe.createSequence(records));
 * attempt.consumption.taken; // records the sink took from the sequence
 * ```
 */
export type SequenceAttempt = SendAttempt & { readonly consumption: SequenceConsumption };

/**
 * The sink method a probe check talks about in its messages.
 *
 * @example
 * ```ts
 * const method: SendMethod = 'sendSequence()';
 * ```
 */
export type SendMethod = 'send()' | 'sendSequence()';

/**
 * What a rule check uses to exercise a harness and to report violations: bounded sends, outcome
 * checks and store checks relative to what the destination held when the case started.
 *
 * @example
 * ```ts
 * const probe = await createRuleProbe('SINK-1', 'exactly one outcome per record', harness);
 * const result = probe.expectResolved(await probe.send(records), 'a healthy send');
 * ```
 */
export interface RuleProbe {
  readonly harness: SinkConformanceHarness;
  /** The default bound for a call to settle: three timeouts plus two seconds. */
  readonly limitMs: number;
  /** Throws a `ConformanceViolationError` for this rule, secrets masked. */
  fail(what: string, received?: unknown): never;
  /** Calls `sink.send` on deep-frozen records and waits at most `limitMs`. */
  send(
    records: readonly SinkRecord[],
    options?: { readonly signal?: AbortSignal; readonly limitMs?: number },
  ): Promise<SendAttempt>;
  /** A counting generator over deep-frozen records, for {@link RuleProbe.sendSequence}. */
  createSequence(records: readonly SinkRecord[], options?: CountedSequenceOptions): CountedSequence;
  /** Calls `sink.sendSequence` with the sequence's records and waits at most `limitMs`. */
  sendSequence(
    sequence: CountedSequence,
    options?: { readonly signal?: AbortSignal; readonly limitMs?: number },
  ): Promise<SequenceAttempt>;
  /** Runs any call with a bound. */
  settle<T>(operation: () => Promise<T>, limitMs?: number): Promise<Settled<T>>;
  /** Returns the result of a send that must resolve, or fails naming the scenario. */
  expectResolved(attempt: SendAttempt, scenario: string, method?: SendMethod): SendResult;
  /** Checks the result is well formed: one valid outcome per record, sane counters. */
  expectWellFormed(
    result: SendResult,
    records: readonly SinkRecord[],
    scenario: string,
    method?: SendMethod,
  ): void;
  /** Checks every record was delivered. */
  expectAllDelivered(result: SendResult, records: readonly SinkRecord[], scenario: string): void;
  /** Checks no record is reported delivered unless the destination holds it. */
  expectDeliveredAreStored(
    result: SendResult,
    records: readonly SinkRecord[],
    scenario: string,
  ): Promise<void>;
  /** Checks the destination gained exactly these records since the case started, once each. */
  expectStoredExactlyOnce(records: readonly SinkRecord[], scenario: string): Promise<void>;
  /** Ids the destination gained since the case started, one entry per stored copy. */
  storedSinceStart(): Promise<string[]>;
}

const outcomeStatuses = new Set(['delivered', 'retryable', 'rejected']);

/**
 * Creates a {@link RuleProbe}, noting what the destination already holds.
 *
 * @example
 * ```ts
 * const probe = await createRuleProbe('SINK-4', statement, harness);
 * ```
 */
export async function createRuleProbe(
  ruleId: ConformanceRuleId,
  statement: string,
  harness: SinkConformanceHarness,
): Promise<RuleProbe> {
  const baseline = countIds(await harness.storedIds());
  const limitMs = harness.timeoutMs * 3 + 2000;

  const fail = (what: string, received?: unknown): never => {
    const receivedText =
      received === undefined ? '' : ` Received: ${describeReceived(received, 400)}.`;
    throw new ConformanceViolationError(
      ruleId,
      maskSecrets(`${what}.${receivedText} Rule: ${statement}`, harness.secrets),
    );
  };

  const settle = async <T>(operation: () => Promise<T>, bound = limitMs): Promise<Settled<T>> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), bound);
    });
    const running = Promise.resolve()
      .then(operation)
      .then(
        (value) => ({ kind: 'resolved' as const, value }),
        (error: unknown) => ({ kind: 'rejected' as const, error }),
      );
    try {
      const winner = await Promise.race([running, timedOut]);
      const elapsedMs = Math.round(performance.now() - started);
      return winner === 'timed-out' ? { kind: 'timed-out', elapsedMs } : { ...winner, elapsedMs };
    } finally {
      clearTimeout(timer);
    }
  };

  const storedSinceStart = async (): Promise<string[]> => {
    const remaining = new Map(baseline);
    const gained: string[] = [];
    for (const id of await harness.storedIds()) {
      const left = remaining.get(id) ?? 0;
      if (left > 0) remaining.set(id, left - 1);
      else gained.push(id);
    }
    return gained;
  };

  return {
    harness,
    limitMs,
    fail,
    settle,
    storedSinceStart,

    async send(records, options = {}) {
      const before = harness.requestCount();
      const frozen = Object.freeze(records.map(deepFreeze));
      const settled = await settle(
        () =>
          harness.sink.send(frozen, options.signal === undefined ? {} : { signal: options.signal }),
        options.limitMs ?? limitMs,
      );
      return { ...settled, requests: harness.requestCount() - before };
    },

    createSequence(records, options = {}) {
      return createCountedSequence(records.map(deepFreeze), options);
    },

    async sendSequence(sequence, options = {}) {
      const sendSequence = harness.sink.sendSequence;
      if (typeof sendSequence !== 'function') {
        throw new SinkTestkitError(
          `${ruleId} calls sendSequence(), but harness.sink has none; run this case only when its skipReason is undefined (sendSequence is optional)`,
          { code: 'invalid-harness' },
        );
      }
      const before = harness.requestCount();
      const settled = await settle(
        () =>
          sendSequence.call(
            harness.sink,
            sequence.records,
            options.signal === undefined ? {} : { signal: options.signal },
          ),
        options.limitMs ?? limitMs,
      );
      return {
        ...settled,
        requests: harness.requestCount() - before,
        consumption: sequence.consumption(),
      };
    },

    expectResolved(attempt, scenario, method = 'send()') {
      if (attempt.kind === 'timed-out') {
        fail(
          `${method} did not settle within ${attempt.elapsedMs} ms (${scenario}); the sink's timeout is declared as ${harness.timeoutMs} ms`,
        );
      }
      if (attempt.kind === 'rejected') {
        fail(
          `${method} threw instead of reporting outcomes (${scenario})`,
          summarizeError(attempt.error),
        );
      }
      return (attempt as Extract<SendAttempt, { kind: 'resolved' }>).value;
    },

    expectWellFormed(result, records, scenario, method = 'send()') {
      if (result === null || typeof result !== 'object' || !Array.isArray(result.outcomes)) {
        fail(`${method} must resolve to { outcomes, requests, bytesSent } (${scenario})`, result);
      }
      if (result.outcomes.length !== records.length) {
        fail(
          `${method} returned ${result.outcomes.length} outcomes for ${records.length} records (${scenario})`,
          result.outcomes,
        );
      }
      result.outcomes.forEach((outcome: RecordOutcome | undefined, index) => {
        const problem = describeOutcomeProblem(outcome);
        if (problem !== undefined) {
          fail(`outcomes[${index}] ${problem} (${scenario})`, outcome);
        }
      });
      if (!Number.isSafeInteger(result.requests) || result.requests < 0) {
        fail(`result.requests must be a non-negative integer (${scenario})`, result.requests);
      }
      if (!Number.isSafeInteger(result.bytesSent) || result.bytesSent < 0) {
        fail(`result.bytesSent must be a non-negative integer (${scenario})`, result.bytesSent);
      }
    },

    expectAllDelivered(result, records, scenario) {
      const index = result.outcomes.findIndex((outcome) => outcome.status !== 'delivered');
      if (index !== -1) {
        fail(
          `record ${index} (id ${records[index]?.id}) was not delivered to a healthy destination (${scenario})`,
          result.outcomes[index],
        );
      }
    },

    async expectDeliveredAreStored(result, records, scenario) {
      const stored = new Set(await storedSinceStart());
      const phantom = records
        .map((record, index) => ({ record, index }))
        .filter(
          ({ record, index }) =>
            result.outcomes[index]?.status === 'delivered' && !stored.has(record.id),
        );
      if (phantom.length > 0) {
        fail(
          `${phantom.length} record(s) reported delivered are not held by the destination (${scenario}); first: record ${phantom[0]!.index}, id ${phantom[0]!.record.id}`,
          phantom.slice(0, 5).map(({ index }) => index),
        );
      }
    },

    async expectStoredExactlyOnce(records, scenario) {
      const stored = countIds(await storedSinceStart());
      const missing = records.filter((record) => (stored.get(record.id) ?? 0) === 0);
      const duplicated = records.filter((record) => (stored.get(record.id) ?? 0) > 1);
      const expected = new Set(records.map((record) => record.id));
      const foreign = [...stored.keys()].filter((id) => !expected.has(id));
      if (missing.length > 0) {
        fail(
          `${missing.length} of ${records.length} records are not held by the destination (${scenario})`,
          missing.slice(0, 3).map((record) => record.id),
        );
      }
      if (duplicated.length > 0) {
        fail(
          `${duplicated.length} records are stored more than once (${scenario}); re-sending a delivered record must not store it again`,
          duplicated.slice(0, 3).map((record) => `${record.id} ×${stored.get(record.id)}`),
        );
      }
      if (foreign.length > 0) {
        fail(
          `the destination holds ${foreign.length} id(s) that were never sent (${scenario})`,
          foreign.slice(0, 3),
        );
      }
    },
  };
}

function describeOutcomeProblem(outcome: RecordOutcome | undefined): string | undefined {
  if (outcome === null || typeof outcome !== 'object') return 'is not an outcome object';
  if (!outcomeStatuses.has(outcome.status)) {
    return "has a status other than 'delivered', 'retryable' or 'rejected'";
  }
  if (outcome.status === 'delivered') return undefined;
  if (typeof outcome.reason !== 'string' || outcome.reason.trim() === '') {
    return 'is not delivered but has no reason';
  }
  if (outcome.errorType !== undefined && typeof outcome.errorType !== 'string') {
    return 'has an errorType that is not a string';
  }
  if (
    outcome.httpStatus !== undefined &&
    (!Number.isInteger(outcome.httpStatus) || outcome.httpStatus < 100 || outcome.httpStatus > 599)
  ) {
    return 'has an httpStatus that is not an HTTP status';
  }
  return undefined;
}

function countIds(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

// Sinks must not mutate their input: frozen records make an attempt throw instead of passing.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
