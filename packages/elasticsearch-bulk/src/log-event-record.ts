/**
 * One CloudWatch Logs event with the metadata of the subscription message that carried it. Field
 * names match `SinkRecord` of `@logferry/sink`, so a `SinkRecord` can be passed as is; this
 * package only declares the fields it reads.
 *
 * @example
 * ```ts
 * const event: LogEventRecord = {
 *   id: '36990390990134150016227618181431330390633573838329307136',
 *   timestamp: 1658732828000,
 *   message: '{"level":"info","msg":"order created"}',
 *   owner: '123456789012',
 *   logGroup: '/aws/lambda/orders',
 *   logStream: '2022/07/25/[$LATEST]0123456789abcdef',
 *   subscriptionFilters: ['logferry'],
 * };
 * ```
 */
export interface LogEventRecord {
  /** CloudWatch Logs event id (a 56-digit number string): unique per event, the `_id`. */
  readonly id: string;
  /** Event time in milliseconds since the epoch. */
  readonly timestamp: number;
  /** The raw log line. */
  readonly message: string;
  /** Fields extracted by the subscription filter pattern, when it extracts any. */
  readonly extractedFields?: Readonly<Record<string, string>>;
  /** AWS account id that owns the log group. */
  readonly owner: string;
  /** Log group name. */
  readonly logGroup: string;
  /** Log stream name. */
  readonly logStream: string;
  /** Names of the subscription filters that matched. */
  readonly subscriptionFilters?: readonly string[];
  /** When CloudWatch Logs ingested the event (ms since the epoch), if the source knows it. */
  readonly ingestionTime?: number;
}
