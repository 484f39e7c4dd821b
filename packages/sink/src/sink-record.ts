/**
 * Where a log event sits in the Kinesis batch that carried it. The delivery loop uses it to hand
 * failed records back to Kinesis by sequence number; sinks use it for deterministic names (the
 * S3 archive key) and never need to interpret it otherwise.
 *
 * @example
 * ```ts
 * const position: SinkRecordPosition = {
 *   shardId: 'shardId-000000000000',
 *   sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
 *   recordIndex: 0,
 *   eventIndex: 3,
 * };
 * ```
 */
export interface SinkRecordPosition {
  /** Kinesis shard id, e.g. `shardId-000000000000` (the part of the Lambda `eventID` before `:`). */
  readonly shardId: string;
  /** Kinesis sequence number of the record that carried this event. */
  readonly sequenceNumber: string;
  /** Index of that Kinesis record in the batch handed to the function. */
  readonly recordIndex: number;
  /** Index of this log event inside the record's `logEvents` array. */
  readonly eventIndex: number;
  /** `approximateArrivalTimestamp` of the Kinesis record, in milliseconds since the epoch. */
  readonly approximateArrivalTimestamp?: number;
}

/**
 * One CloudWatch Logs event with the metadata of the subscription message that carried it: the
 * unit every sink receives and must account for.
 *
 * @example
 * ```ts
 * const record: SinkRecord = {
 *   id: '36990390990134150016227618181431330390633573838329307136',
 *   timestamp: 1658732828000,
 *   message: 'ilikecats',
 *   owner: '123456789012',
 *   logGroup: 'foo',
 *   logStream: 'stream-1',
 *   subscriptionFilters: ['logferry'],
 *   position: { shardId: 'shardId-000000000000', sequenceNumber: '1', recordIndex: 0, eventIndex: 0 },
 * };
 * ```
 */
export interface SinkRecord {
  /** CloudWatch Logs event id: unique per log event, the basis of every idempotent id. */
  readonly id: string;
  /** Event time in milliseconds since the epoch, as CloudWatch Logs reports it. */
  readonly timestamp: number;
  /** The raw log line. */
  readonly message: string;
  /** Fields extracted by a space-delimited or JSON subscription filter pattern, when present. */
  readonly extractedFields?: Readonly<Record<string, string>>;
  /** AWS account id that owns the log group. */
  readonly owner: string;
  /** Log group name. */
  readonly logGroup: string;
  /** Log stream name. */
  readonly logStream: string;
  /** Names of the subscription filters that matched. */
  readonly subscriptionFilters: readonly string[];
  /** `ACCOUNT_LEVEL_POLICY` for account-level subscription policies, absent otherwise. */
  readonly policyLevel?: string;
  /** Where the event sits in the Kinesis batch. */
  readonly position: SinkRecordPosition;
}
