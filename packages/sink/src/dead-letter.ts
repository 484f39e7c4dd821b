import type { SinkRecord } from './sink-record';

/**
 * A record a sink rejected permanently, kept with why and where it failed.
 *
 * @example
 * ```ts
 * const entry: RejectedRecordEntry = {
 *   kind: 'rejected-record',
 *   record,
 *   sink: 'elasticsearch',
 *   reason: 'failed to parse field [status]',
 *   errorType: 'mapper_parsing_exception',
 *   failedAt: new Date().toISOString(),
 * };
 * ```
 */
export interface RejectedRecordEntry {
  readonly kind: 'rejected-record';
  readonly record: SinkRecord;
  /** Name of the sink that rejected it. */
  readonly sink: string;
  readonly reason: string;
  readonly errorType?: string;
  readonly httpStatus?: number;
  /** ISO-8601 time of the failure. */
  readonly failedAt: string;
}

/**
 * A Kinesis record whose data could not be decoded, kept byte for byte.
 *
 * @example
 * ```ts
 * const entry: UndecodableRecordEntry = {
 *   kind: 'undecodable-record',
 *   data: 'bm90IGd6aXA=',
 *   shardId: 'shardId-000000000000',
 *   sequenceNumber: '4959',
 *   reason: 'Expected gzip data; received 8 bytes starting 6e 6f 74 20',
 *   errorType: 'invalid-gzip',
 *   failedAt: new Date().toISOString(),
 * };
 * ```
 */
export interface UndecodableRecordEntry {
  readonly kind: 'undecodable-record';
  /** The Kinesis record's `data`, base64 as received. */
  readonly data: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly approximateArrivalTimestamp?: number;
  readonly reason: string;
  /** The decoder's error code, e.g. `invalid-gzip` or `too-large`. */
  readonly errorType: string;
  readonly failedAt: string;
}

/**
 * One entry of the dead-letter store.
 *
 * @example
 * ```ts
 * const isRecord = (entry: DeadLetterEntry) => entry.kind === 'rejected-record';
 * ```
 */
export type DeadLetterEntry = RejectedRecordEntry | UndecodableRecordEntry;

/**
 * Where permanently failed records go. `@logferry/sink-s3` implements it; the delivery loop
 * writes every rejected record and every undecodable Kinesis record here, so nothing is dropped.
 * `write` resolves only once the entries are durably stored, and throws a `SinkError` otherwise.
 *
 * @example
 * ```ts
 * await deadLetters.write([entry], { signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface DeadLetterStore {
  write(
    entries: readonly DeadLetterEntry[],
    options?: { readonly signal?: AbortSignal },
  ): Promise<void>;
}
