import type { RecordOutcome } from './record-outcome';
import type { SinkRecord } from './sink-record';

/**
 * Options for one {@link Sink.send} call.
 *
 * @example
 * ```ts
 * const options: SendOptions = { signal: AbortSignal.timeout(30_000) };
 * ```
 */
export interface SendOptions {
  /**
   * Aborts the call: the sink stops sending, settles promptly and reports records it could not
   * confirm as `retryable` (or throws a `SinkError` with code `aborted`). The delivery loop passes
   * a signal that fires at its deadline.
   */
  readonly signal?: AbortSignal;
}

/**
 * The result of a {@link Sink.send} call.
 *
 * @example
 * ```ts
 * const result: SendResult = { outcomes: [{ status: 'delivered' }], requests: 1, bytesSent: 512 };
 * ```
 */
export interface SendResult {
  /** Exactly one outcome per input record, in input order: `outcomes[i]` is for `records[i]`. */
  readonly outcomes: readonly RecordOutcome[];
  /** Network requests made (0 for an empty batch). */
  readonly requests: number;
  /** Request body bytes put on the wire, after compression. */
  readonly bytesSent: number;
}

/**
 * A destination for log records. Implementations are adapters (`@logferry/sink-elasticsearch`,
 * `@logferry/sink-s3`, …) that must follow `docs/sink-spec.md`, enforced by
 * `@logferry/sink-testkit`'s conformance suite.
 *
 * Sinks classify; they do not retry. The delivery loop owns retries, dead-lettering and handing
 * records back to Kinesis.
 *
 * @example
 * ```ts
 * const result = await sink.send(records, { signal: AbortSignal.timeout(10_000) });
 * const failed = records.filter((_, index) => result.outcomes[index]?.status !== 'delivered');
 * ```
 */
export interface Sink {
  /** Stable, short name for logs, metrics and dead-letter entries, e.g. `elasticsearch`. */
  readonly name: string;
  /**
   * Delivers records and reports one outcome per record. Throws {@link SinkError} only when the
   * failure is not about the records: configuration or authentication errors
   * (`retryable: false`), or an abort (`code: 'aborted'`). Whole-request transient failures
   * (429, 5xx, network, timeout) are reported as `retryable` outcomes for the affected records.
   */
  send(records: readonly SinkRecord[], options?: SendOptions): Promise<SendResult>;
  /**
   * Optional: the same delivery as {@link Sink.send} for records produced on demand, so a caller
   * never has to hold a whole batch (a sink that encodes record by record, like the Elasticsearch
   * one, then holds only the chunk it is building). The sink takes records from the iterable in
   * order, once, and returns one outcome per record it took, in that order. It may stop taking
   * records early only when the signal aborts; records it never took get no outcome, and the
   * caller treats them as not sent. Throws like `send`.
   */
  sendSequence?(records: Iterable<SinkRecord>, options?: SendOptions): Promise<SendResult>;
  /** Checks the destination is reachable and the credentials work, without writing anything. */
  checkHealth?(options?: SendOptions): Promise<void>;
  /** Releases connections and timers. The sink must not be used afterwards. */
  close?(): Promise<void>;
}
