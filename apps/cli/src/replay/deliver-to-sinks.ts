import { computeBackoffDelay } from '@logferry/kinesis-lambda/compute-backoff-delay';
import { isSinkError, type RecordOutcome, type Sink, type SinkRecord } from '@logferry/sink';
import { ReplayError } from './errors';
import type { RetryPolicy } from './retry-policy';

/**
 * Records for one sink.
 *
 * @example
 * ```ts
 * const job: DeliveryJob = { sink: elasticsearchSink, records };
 * ```
 */
export interface DeliveryJob {
  readonly sink: Sink;
  readonly records: readonly SinkRecord[];
}

/**
 * What finally happened to one record in one sink: `delivered`, `rejected` (permanent; dead-letter
 * it), or `unsettled` — still retryable when the attempts, the time budget or the run
 * (`interrupted`) ended.
 *
 * @example
 * ```ts
 * const outcome: FinalOutcome = { status: 'unsettled', reason: 'POST … answered 503', interrupted: false };
 * ```
 */
export type FinalOutcome =
  | { readonly status: 'delivered' }
  | {
      readonly status: 'rejected';
      readonly reason: string;
      /** The destination's error type, when it gave one. */
      readonly errorType?: string;
      /** The HTTP status of the item or request, when there was one. */
      readonly httpStatus?: number;
    }
  | {
      readonly status: 'unsettled';
      readonly reason: string;
      /** The last failure's error type (or `SinkError` code), when there was one. */
      readonly errorType?: string;
      /** The last failure's HTTP status, when there was one. */
      readonly httpStatus?: number;
      /** The stop signal ended the retries, not the policy. */
      readonly interrupted: boolean;
    };

/**
 * The result of one {@link DeliveryJob}: one final outcome per record, in order, and what it cost.
 *
 * @example
 * ```ts
 * const delivered = result.outcomes.filter((outcome) => outcome.status === 'delivered').length;
 * ```
 */
export interface DeliveryJobResult {
  readonly sink: Sink;
  readonly outcomes: readonly FinalOutcome[];
  /** `send` calls made. */
  readonly attempts: number;
  /** Record re-sends (a record sent three times counts 2). */
  readonly retried: number;
  readonly requests: number;
  readonly bytesSent: number;
}

type Failure = Exclude<RecordOutcome, { status: 'delivered' }>;

/**
 * Delivers each job's records to its sink, all jobs concurrently, and retries what comes back
 * `retryable` (or a retryable `SinkError`) with the Lambda's backoff until the policy's attempts
 * or time budget run out. Each sink keeps its own pending set, so a sink that took everything is
 * never called again because another one failed. Once `stop` fires no new attempt starts, and
 * what is still pending ends `unsettled` with `interrupted: true`; a `send` already running is
 * left to finish (each sink bounds it with its own timeout).
 *
 * @throws {ReplayError} `sink-failed` when a sink throws a non-retryable `SinkError`
 * (authentication, configuration) or breaks the one-outcome-per-record contract: retrying or
 * dead-lettering cannot fix either. Other errors (bugs) are rethrown as they are. Every job has
 * settled before anything is thrown.
 * @example
 * ```ts
 * const [result] = await deliverToSinks([{ sink, records }], defaultRetryPolicy);
 * ```
 */
export async function deliverToSinks(
  jobs: readonly DeliveryJob[],
  policy: RetryPolicy,
  stop: AbortSignal = new AbortController().signal,
): Promise<DeliveryJobResult[]> {
  const settled = await Promise.allSettled(jobs.map((job) => deliverJob(job, policy, stop)));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<DeliveryJobResult>).value);
}

async function deliverJob(
  job: DeliveryJob,
  policy: RetryPolicy,
  stop: AbortSignal,
): Promise<DeliveryJobResult> {
  const { sink, records } = job;
  const outcomes: FinalOutcome[] = new Array(records.length);
  const lastFailures = new Map<number, Failure>();
  let pending = records.map((_, index) => index);
  let wholeFailure: Failure | undefined;
  let attempts = 0;
  let retried = 0;
  let requests = 0;
  let bytesSent = 0;
  let stoppedBy: 'policy' | 'stop' = 'policy';
  const startedAt = policy.now();

  while (pending.length > 0) {
    if (stop.aborted) {
      stoppedBy = 'stop';
      break;
    }
    if (attempts > 0) {
      if (attempts >= policy.maxAttempts) break;
      const delay = computeBackoffDelay(attempts, policy, policy.random);
      if (
        policy.retryBudgetMs !== undefined &&
        policy.now() + delay - startedAt >= policy.retryBudgetMs
      ) {
        break;
      }
      await policy.sleep(delay, stop);
      if (stop.aborted) {
        stoppedBy = 'stop';
        break;
      }
      retried += pending.length;
    }
    attempts += 1;
    const batch = pending.map((index) => records[index] as SinkRecord);
    let result: Awaited<ReturnType<Sink['send']>>;
    try {
      result = await sink.send(batch);
    } catch (error) {
      if (isSinkError(error) && error.retryable) {
        wholeFailure = {
          status: 'retryable',
          reason: error.message,
          errorType: error.code,
          ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
        };
        continue;
      }
      if (isSinkError(error)) {
        throw new ReplayError(
          `The ${sink.name} sink failed as a whole (${error.code}): ${error.message}`,
          { code: 'sink-failed', retryable: false, cause: error },
        );
      }
      throw error;
    }
    if (!Array.isArray(result?.outcomes) || result.outcomes.length !== batch.length) {
      throw new ReplayError(
        `The ${sink.name} sink returned ${Array.isArray(result?.outcomes) ? result.outcomes.length : 'no'} outcomes for ${batch.length} records; the Sink contract requires exactly one per record, in order`,
        { code: 'sink-failed', retryable: false },
      );
    }
    requests += result.requests;
    bytesSent += result.bytesSent;
    const stillPending: number[] = [];
    result.outcomes.forEach((outcome, position) => {
      const index = pending[position] as number;
      if (outcome.status === 'delivered') {
        outcomes[index] = { status: 'delivered' };
      } else if (outcome.status === 'rejected') {
        outcomes[index] = {
          status: 'rejected',
          reason: outcome.reason,
          ...(outcome.errorType === undefined ? {} : { errorType: outcome.errorType }),
          ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
        };
      } else {
        lastFailures.set(index, outcome);
        stillPending.push(index);
      }
    });
    pending = stillPending;
  }

  for (const index of pending) {
    const failure = lastFailures.get(index) ?? wholeFailure;
    outcomes[index] = {
      status: 'unsettled',
      reason: failure?.reason ?? 'the replay was interrupted before this record was sent',
      ...(failure?.errorType === undefined ? {} : { errorType: failure.errorType }),
      ...(failure?.httpStatus === undefined ? {} : { httpStatus: failure.httpStatus }),
      interrupted: stoppedBy === 'stop',
    };
  }
  return { sink, outcomes, attempts, retried, requests, bytesSent };
}
