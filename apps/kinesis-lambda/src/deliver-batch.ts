import {
  type DeadLetterEntry,
  type DeadLetterStore,
  isSinkError,
  type RecordOutcome,
  type SendResult,
  type Sink,
  type SinkRecord,
} from '@logferry/sink';
import type { KinesisStreamBatchItemFailure, KinesisStreamEvent } from 'aws-lambda';
import {
  type BackoffOptions,
  computeBackoffDelay,
  defaultBackoffOptions,
} from './compute-backoff-delay';
import { type DecodedBatch, type DecodeRecordData, decodeBatch } from './decode-batch';
import { decodeLazily, type LazyDecodedBatch } from './decode-lazily';

/**
 * Options of {@link deliverBatch}. Clock, sleep and randomness are injectable so tests are
 * deterministic.
 *
 * @example
 * ```ts
 * const options: DeliverBatchOptions = {
 *   sinks: [elasticsearchSink, archiveSink],
 *   deadLetterStore,
 *   decode: (data) => decodeSubscriptionMessage(data),
 *   ownLogGroup: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
 *   getRemainingTimeInMillis: () => context.getRemainingTimeInMillis(),
 * };
 * ```
 */
export interface DeliverBatchOptions {
  /** Destinations; each one gets every event and keeps its own retry state. */
  readonly sinks: readonly Sink[];
  /** Where rejected and undecodable records go. */
  readonly deadLetterStore: DeadLetterStore;
  /** Decodes one Kinesis record's base64 data into a subscription message. */
  readonly decode: DecodeRecordData;
  /**
   * The function's own log group (`AWS_LAMBDA_LOG_GROUP_NAME`); its events are skipped.
   * @default undefined (nothing skipped)
   */
  readonly ownLogGroup?: string;
  /** Time left in the invocation, in ms: Lambda's `context.getRemainingTimeInMillis`. */
  readonly getRemainingTimeInMillis: () => number;
  /**
   * Upper bound on the time spent delivering (first attempt and retries), in ms.
   * @default undefined (remaining time minus the safety margin)
   */
  readonly retryBudgetMs?: number;
  /**
   * Time kept free before the invocation's end: no new attempt starts and every `send` is
   * aborted this long before it. Capped at half the remaining time so that a short function
   * timeout still leaves time to deliver. A fifth of it is kept for writing dead letters.
   * @default 5000
   */
  readonly safetyMarginMs?: number;
  /**
   * Exponential backoff with full jitter between attempts.
   * @default { baseDelayMs: 100, maxDelayMs: 5000 }
   */
  readonly backoff?: BackoffOptions;
  /**
   * Dead-letter writes tried at most this many times (retryable `SinkError`s only).
   * @default 3
   */
  readonly deadLetterAttempts?: number;
  /**
   * Current time in ms.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * Waits `ms`, resolving early (never rejecting) when `signal` aborts.
   * @default a `setTimeout`-based sleep
   */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Random number in [0, 1) for the jitter.
   * @default Math.random
   */
  readonly random?: () => number;
}

/**
 * Why a sink stopped before its records were settled; never contains secrets.
 *
 * @example
 * ```ts
 * const failure: DeliveryFailure = { name: 'SinkError', code: 'authentication', message: '403 Forbidden' };
 * ```
 */
export interface DeliveryFailure {
  /** The error's class name, e.g. `SinkError`. */
  readonly name: string;
  /** The error's `code` when it has one, e.g. `authentication`. */
  readonly code: string | undefined;
  readonly message: string;
}

/**
 * What happened in one sink during {@link deliverBatch}. Counts are log events.
 *
 * @example
 * ```ts
 * const [elasticsearch]: readonly SinkDeliveryReport[] = (await deliverBatch(event, options)).sinks;
 * ```
 */
export interface SinkDeliveryReport {
  readonly name: string;
  /** Events the sink accepted. */
  readonly delivered: number;
  /** Events the sink rejected permanently and that were durably dead-lettered. */
  readonly deadLettered: number;
  /** Events not settled in this sink: their Kinesis records are handed back. */
  readonly handedBack: number;
  /** Event re-sends (an event sent three times counts 2). */
  readonly retried: number;
  /** `send` calls made. */
  readonly attempts: number;
  /** Network requests the sink reported. */
  readonly requests: number;
  /** Request body bytes the sink reported. */
  readonly bytesSent: number;
  /** Duration of every `send` call, in ms. */
  readonly sendDurationsMs: readonly number[];
  /** Set when the sink failed as a whole (non-retryable `SinkError`, contract violation, bug). */
  readonly failure: DeliveryFailure | undefined;
}

/**
 * The result of {@link deliverBatch}: the Lambda response plus what the metrics need.
 *
 * @example
 * ```ts
 * const report: DeliveryReport = await deliverBatch(event, options);
 * console.log(formatInvocationLog(report));
 * ```
 */
export interface DeliveryReport {
  /** The `ReportBatchItemFailures` response: every Kinesis record not fully settled. */
  readonly batchItemFailures: readonly KinesisStreamBatchItemFailure[];
  readonly kinesisRecords: number;
  /** Log events to deliver (after skipping control messages and the own log group). */
  readonly events: number;
  readonly controlMessages: number;
  readonly ownLogGroupEvents: number;
  readonly undecodable: number;
  /** Dead-letter entries durably written (rejected events per sink + undecodable records). */
  readonly deadLettered: number;
  /** Set when the dead-letter store failed; its records were handed back instead. */
  readonly deadLetterFailure: DeliveryFailure | undefined;
  /** Kinesis records handed back (the length of `batchItemFailures`). */
  readonly handedBack: number;
  /** Earliest Kinesis arrival time in the batch, in ms since the epoch. */
  readonly oldestArrivalTimestamp: number | undefined;
  /** When delivery started, in ms since the epoch. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly sinks: readonly SinkDeliveryReport[];
}

interface SinkState {
  readonly sink: Sink;
  delivered: number;
  retried: number;
  attempts: number;
  requests: number;
  bytesSent: number;
  readonly sendDurationsMs: number[];
  /** Indices into the batch's records still waiting for an outcome. */
  pending: number[];
  readonly rejected: { readonly index: number; readonly outcome: RejectedOutcome }[];
  failure: DeliveryFailure | undefined;
}

type RejectedOutcome = Exclude<RecordOutcome, { status: 'delivered' }>;

/**
 * The delivery loop, and the one place retry policy lives. For one Kinesis batch it:
 *
 * 1. decodes every record (undecodable ones go to the dead-letter store with their raw data and
 *    the decoder's error code), skipping control messages and the function's own log group;
 * 2. sends the events to every sink concurrently, each sink with its own pending set, so a sink
 *    that succeeded is never called again because another one failed;
 * 3. retries `retryable` outcomes (and retryable `SinkError`s) with exponential backoff and full
 *    jitter until the deadline: `min(remaining time − safety margin, retry budget)`; every `send`
 *    gets an `AbortSignal` that fires at that deadline;
 * 4. writes `rejected` events (with the sink name and reason) and undecodable records to the
 *    dead-letter store;
 * 5. hands back to Kinesis (`batchItemFailures`, by sequence number) every record with an event
 *    still retryable at the deadline, refused by a sink failing as a whole (non-retryable
 *    `SinkError`: configuration or authentication — never dead-lettered), or whose dead letter
 *    could not be written. Lambda then re-delivers from the lowest one; deterministic document
 *    ids absorb the duplicates.
 *
 * Never throws for a delivery problem: every event ends delivered, dead-lettered or handed back.
 *
 * @throws {KinesisLambdaError} `invalid-event` when the event is not a Kinesis stream event.
 * @example
 * ```ts
 * const report = await deliverBatch(event, {
 *   sinks: [elasticsearchSink],
 *   deadLetterStore,
 *   decode: (data) => decodeSubscriptionMessage(data),
 *   getRemainingTimeInMillis: () => context.getRemainingTimeInMillis(),
 * });
 * return { batchItemFailures: report.batchItemFailures };
 * ```
 */
export async function deliverBatch(
  event: KinesisStreamEvent,
  options: DeliverBatchOptions,
): Promise<DeliveryReport> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepUnlessAborted;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? defaultBackoffOptions;
  const startedAt = now();

  const remainingMs = Math.max(0, options.getRemainingTimeInMillis());
  const safetyMarginMs = Math.min(options.safetyMarginMs ?? 5_000, remainingMs / 2);
  const deliveryDeadline =
    startedAt + Math.min(remainingMs - safetyMarginMs, options.retryBudgetMs ?? Infinity);
  // Dead letters are written after delivery, in part of the safety margin.
  const deadLetterDeadline = startedAt + remainingMs - safetyMarginMs / 5;

  const decodeOptions = { decode: options.decode, ownLogGroup: options.ownLogGroup, now };
  // One sink that takes records on demand: the batch is decoded as the sink builds its requests
  // and never held whole. Several sinks share one decoded batch instead of decoding it each.
  const [onlySink, ...otherSinks] = options.sinks;
  const lazy =
    onlySink?.sendSequence !== undefined && otherSinks.length === 0
      ? decodeLazily(event, decodeOptions)
      : undefined;
  const decoded = lazy === undefined ? decodeBatch(event, decodeOptions) : undefined;
  const deliveryAbort = abortAt(deliveryDeadline - now());
  const deadLetterAbort = abortAt(deadLetterDeadline - now());

  try {
    const states: SinkState[] = options.sinks.map((sink) => ({
      sink,
      delivered: 0,
      retried: 0,
      attempts: 0,
      requests: 0,
      bytesSent: 0,
      sendDurationsMs: [],
      pending: decoded === undefined ? [] : decoded.records.map((_, index) => index),
      rejected: [],
      failure: undefined,
    }));
    const loop: LoopContext = {
      now,
      sleep,
      random,
      backoff,
      deliveryDeadline,
      deliverySignal: deliveryAbort.signal,
      hardSignal: deadLetterAbort.signal,
    };

    let batch: Omit<DecodedBatch, 'records'>;
    let records: readonly SinkRecord[];
    if (lazy === undefined) {
      batch = decoded as DecodedBatch;
      records = (decoded as DecodedBatch).records;
    } else {
      const state = states[0] as SinkState;
      await sendFirstAttemptLazily(lazy, state, loop);
      batch = lazy.finish();
      // Only what is still to be retried or dead-lettered is decoded again: a sparse array.
      records = lazy.decodeEvents([...state.pending, ...state.rejected.map(({ index }) => index)]);
    }

    await Promise.all(
      states.map((state) =>
        state.failure === undefined ? runSink(state, records, loop) : undefined,
      ),
    );

    const entries: DeadLetterEntry[] = [...batch.undecodable];
    for (const state of states) {
      for (const { index, outcome } of state.rejected) {
        const record = records[index] as SinkRecord;
        entries.push({
          kind: 'rejected-record',
          record,
          sink: state.sink.name,
          reason: outcome.reason,
          ...(outcome.errorType === undefined ? {} : { errorType: outcome.errorType }),
          ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
          failedAt: new Date(now()).toISOString(),
        });
      }
    }

    const deadLetterFailure =
      entries.length === 0
        ? undefined
        : await writeDeadLetters(entries, options.deadLetterStore, {
            now,
            sleep,
            random,
            backoff,
            attempts: options.deadLetterAttempts ?? 3,
            deadline: deadLetterDeadline,
            signal: deadLetterAbort.signal,
          });

    const recordIndexBySequenceNumber = new Map<string, number>();
    event.Records.forEach((record, index) => {
      recordIndexBySequenceNumber.set(record.kinesis.sequenceNumber, index);
    });
    const handedBackRecords = new Set<number>();
    for (const state of states) {
      for (const index of state.pending) {
        handedBackRecords.add((records[index] as SinkRecord).position.recordIndex);
      }
      if (deadLetterFailure !== undefined) {
        for (const { index } of state.rejected) {
          handedBackRecords.add((records[index] as SinkRecord).position.recordIndex);
        }
      }
    }
    if (deadLetterFailure !== undefined) {
      for (const entry of batch.undecodable) {
        const recordIndex = recordIndexBySequenceNumber.get(entry.sequenceNumber);
        if (recordIndex !== undefined) handedBackRecords.add(recordIndex);
      }
    }
    const batchItemFailures = [...handedBackRecords]
      .sort((first, second) => first - second)
      .map((recordIndex) => ({
        itemIdentifier: (event.Records[recordIndex] as KinesisStreamEvent['Records'][number])
          .kinesis.sequenceNumber,
      }));

    const sinks: SinkDeliveryReport[] = states.map((state) => {
      const deadLettered = deadLetterFailure === undefined ? state.rejected.length : 0;
      return {
        name: state.sink.name,
        delivered: state.delivered,
        deadLettered,
        handedBack: state.pending.length + state.rejected.length - deadLettered,
        retried: state.retried,
        attempts: state.attempts,
        requests: state.requests,
        bytesSent: state.bytesSent,
        sendDurationsMs: state.sendDurationsMs,
        failure: state.failure,
      };
    });

    return {
      batchItemFailures,
      kinesisRecords: batch.kinesisRecords,
      events: records.length,
      controlMessages: batch.controlMessages,
      ownLogGroupEvents: batch.ownLogGroupEvents,
      undecodable: batch.undecodable.length,
      deadLettered: deadLetterFailure === undefined ? entries.length : 0,
      deadLetterFailure,
      handedBack: batchItemFailures.length,
      oldestArrivalTimestamp: batch.oldestArrivalTimestamp,
      startedAt,
      durationMs: now() - startedAt,
      sinks,
    };
  } finally {
    deliveryAbort.dispose();
    deadLetterAbort.dispose();
  }
}

/** The clock, sleep, randomness and backoff shared by sink retries and dead-letter retries. */
interface RetryTiming {
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly backoff: BackoffOptions;
}

interface LoopContext extends RetryTiming {
  readonly deliveryDeadline: number;
  readonly deliverySignal: AbortSignal;
  /** Fires when even a sink that ignores `deliverySignal` must be given up on. */
  readonly hardSignal: AbortSignal;
}

async function runSink(
  state: SinkState,
  records: readonly SinkRecord[],
  context: LoopContext,
): Promise<void> {
  while (state.pending.length > 0) {
    if (state.attempts > 0) {
      const delay = computeBackoffDelay(state.attempts, context.backoff, context.random);
      if (context.deliverySignal.aborted || context.now() + delay >= context.deliveryDeadline) {
        return;
      }
      await context.sleep(delay, context.deliverySignal);
      if (context.deliverySignal.aborted) return;
      state.retried += state.pending.length;
    } else if (context.deliverySignal.aborted) {
      return;
    }

    state.attempts += 1;
    const batch = state.pending.map((index) => records[index] as SinkRecord);
    const result = await callSink(
      state,
      context,
      (signal) => state.sink.send(batch, { signal }),
      () => `${batch.length} records`,
      () => batch.length,
    );
    // A retryable SinkError leaves everything pending; a failure as a whole keeps the pending
    // records, which are handed back.
    if (result === 'retry') continue;
    if (result === undefined) return;
    const { pending } = state;
    state.pending = settleOutcomes(
      state,
      result.outcomes,
      (position) => pending[position] as number,
    );
  }
}

/**
 * The first attempt of the only sink when it takes records on demand: `sendSequence` over the
 * lazily decoded batch. Afterwards the state holds what every event became, as `runSink` would
 * have left it: events the sink never took (it stopped on an abort) or that came back retryable
 * are pending; on a failure as a whole, every event is pending.
 */
async function sendFirstAttemptLazily(
  batch: LazyDecodedBatch,
  state: SinkState,
  context: LoopContext,
): Promise<void> {
  const allPending = () => Array.from({ length: batch.finish().events }, (_, index) => index);
  if (context.deliverySignal.aborted) {
    state.pending = allPending();
    return;
  }
  state.attempts = 1;
  const sendSequence = state.sink.sendSequence as NonNullable<Sink['sendSequence']>;
  const result = await callSink(
    state,
    context,
    (signal) => sendSequence.call(state.sink, batch, { signal }),
    () => `the ${batch.taken} records it took`,
    () => batch.taken,
  );
  if (result === 'retry' || result === undefined) {
    state.pending = allPending();
    return;
  }
  const pending = settleOutcomes(state, result.outcomes, (position) => position);
  // Events the sink never took were not sent.
  for (let index = batch.taken; index < batch.finish().events; index += 1) pending.push(index);
  state.pending = pending;
}

/**
 * Calls the sink once, bounded by the hard signal, and checks the one-outcome-per-record
 * contract. Returns the result; `'retry'` after a retryable `SinkError`; `undefined` when the sink
 * failed as a whole (`state.failure` is then set). `describeRecords` and `countRecords` are read
 * once the call has settled: a sink given a sequence decides how many records it takes.
 */
async function callSink(
  state: SinkState,
  context: LoopContext,
  call: (signal: AbortSignal) => Promise<SendResult>,
  describeRecords: () => string,
  countRecords: () => number,
): Promise<SendResult | 'retry' | undefined> {
  const started = context.now();
  let settled: Settled;
  try {
    settled = await settleBefore(call(context.deliverySignal), context.hardSignal);
  } catch (error) {
    state.sendDurationsMs.push(context.now() - started);
    if (isSinkError(error) && error.retryable) return 'retry';
    // Configuration, authentication or a bug: retrying in this invocation will not help, and
    // dead-lettering would hide a fixable problem; Kinesis keeps the records.
    state.failure = describeFailure(error);
    return undefined;
  }
  state.sendDurationsMs.push(context.now() - started);
  if (settled.kind === 'unsettled') {
    state.failure = {
      name: 'SinkError',
      code: 'timeout',
      message: `sink "${state.sink.name}" did not settle its send call after the deadline signal fired`,
    };
    return undefined;
  }
  const result = settled.value;
  state.requests += result.requests;
  state.bytesSent += result.bytesSent;
  if (!Array.isArray(result.outcomes) || result.outcomes.length !== countRecords()) {
    state.failure = {
      name: 'SinkContractViolation',
      code: 'outcome-count-mismatch',
      message: `sink "${state.sink.name}" returned ${Array.isArray(result.outcomes) ? result.outcomes.length : 'no'} outcomes for ${describeRecords()}; the Sink contract requires exactly one per record`,
    };
    return undefined;
  }
  return result;
}

/**
 * Counts delivered outcomes, sets rejected ones aside, and returns the batch indices still
 * retryable; `indexAt` maps an outcome's position to its index in the batch.
 */
function settleOutcomes(
  state: SinkState,
  outcomes: readonly RecordOutcome[],
  indexAt: (position: number) => number,
): number[] {
  const stillPending: number[] = [];
  for (let position = 0; position < outcomes.length; position += 1) {
    const index = indexAt(position);
    const outcome = outcomes[position] as RecordOutcome;
    if (outcome.status === 'delivered') {
      state.delivered += 1;
    } else if (outcome.status === 'rejected') {
      state.rejected.push({ index, outcome });
    } else {
      stillPending.push(index);
    }
  }
  return stillPending;
}

interface DeadLetterContext extends RetryTiming {
  readonly attempts: number;
  readonly deadline: number;
  readonly signal: AbortSignal;
}

/** Writes dead letters, retrying transient failures; returns the failure when it gave up. */
async function writeDeadLetters(
  entries: readonly DeadLetterEntry[],
  store: DeadLetterStore,
  context: DeadLetterContext,
): Promise<DeliveryFailure | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    if (context.signal.aborted) {
      return {
        name: 'SinkError',
        code: 'timeout',
        message: 'no time was left to write dead letters before the invocation ends',
      };
    }
    let failure: unknown;
    try {
      const settled = await settleBefore(
        store.write(entries, { signal: context.signal }),
        context.signal,
      );
      if (settled.kind === 'settled') return undefined;
      failure = new Error('the dead-letter store did not settle its write before the deadline');
    } catch (error) {
      failure = error;
    }
    const delay = computeBackoffDelay(attempt, context.backoff, context.random);
    const retryable = isSinkError(failure) && failure.retryable;
    if (
      !retryable ||
      attempt >= context.attempts ||
      context.signal.aborted ||
      context.now() + delay >= context.deadline
    ) {
      return describeFailure(failure);
    }
    await context.sleep(delay, context.signal);
  }
}

type Settled<Value = Awaited<ReturnType<Sink['send']>>> =
  | { readonly kind: 'settled'; readonly value: Value }
  | { readonly kind: 'unsettled' };

/**
 * Waits for `promise`, but stops waiting once `signal` fires: a sink that ignores its abort
 * signal must not hold the invocation until Lambda kills it. For sends, `signal` is the
 * dead-letter deadline, which gives sinks a grace period after the delivery deadline.
 */
async function settleBefore<Value>(
  promise: Promise<Value>,
  signal: AbortSignal,
): Promise<Settled<Value>> {
  let onAbort: (() => void) | undefined;
  const abandoned = new Promise<Settled<Value>>((resolve) => {
    onAbort = () => resolve({ kind: 'unsettled' });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      promise.then((value): Settled<Value> => ({ kind: 'settled', value })),
      abandoned,
    ]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

function describeFailure(error: unknown): DeliveryFailure {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      code: typeof code === 'string' ? code : undefined,
      message: truncate(error.message),
    };
  }
  return { name: typeof error, code: undefined, message: truncate(String(error)) };
}

function truncate(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** An AbortController that aborts after `ms` (now if `ms` ≤ 0) and can be disposed. */
function abortAt(ms: number): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (ms <= 0) {
    controller.abort(new DOMException('The delivery deadline has passed', 'TimeoutError'));
    return { signal: controller.signal, dispose: () => {} };
  }
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The delivery deadline has passed', 'TimeoutError'));
  }, ms);
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
