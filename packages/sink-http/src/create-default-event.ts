import type { SinkRecord } from '@logferry/sink';

/**
 * The event `createDefaultEvent` builds: the log line with where it came from. Key order is fixed
 * (`timestamp` first, so Sumo Logic's timestamp detection finds it before any time in the message).
 * A type alias rather than an interface, so it is assignable to `HttpIntakeEvent`.
 *
 * @example
 * ```ts
 * const event: DefaultHttpEvent = {
 *   timestamp: '2023-11-14T22:13:19.042Z',
 *   message: 'order placed',
 *   logGroup: '/aws/lambda/checkout',
 *   logStream: '2023/11/14/[$LATEST]6f1c8a2b',
 *   owner: '123456789012',
 *   id: '37890412339876543210987654321098765432109876543210123457',
 * };
 * ```
 */
export type DefaultHttpEvent = {
  /** Event time, ISO 8601 in UTC with milliseconds. */
  readonly timestamp: string;
  /** The log line, unchanged. */
  readonly message: string;
  readonly logGroup: string;
  readonly logStream: string;
  /** AWS account id that owns the log group. */
  readonly owner: string;
  /** CloudWatch event id (56 digits, unique per event): deduplicate on it. */
  readonly id: string;
  /** Fields extracted by the subscription filter pattern, when there are any. */
  readonly extractedFields?: Readonly<Record<string, string>>;
};

/**
 * Maps a record to the default event of the generic and Sumo Logic presets. Use it to extend the
 * default in a custom `toEvent`.
 *
 * @throws {RangeError} when `record.timestamp` is not a valid time (the sink then rejects the record).
 * @example
 * ```ts
 * const sink = createHttpSink({
 *   url: 'https://logs.example.com/ingest',
 *   toEvent: (record) => ({ ...createDefaultEvent(record), environment: 'production' }),
 * });
 * ```
 */
export function createDefaultEvent(record: SinkRecord): DefaultHttpEvent {
  const event = {
    timestamp: new Date(record.timestamp).toISOString(),
    message: record.message,
    logGroup: record.logGroup,
    logStream: record.logStream,
    owner: record.owner,
    id: record.id,
  };
  return record.extractedFields === undefined
    ? event
    : { ...event, extractedFields: record.extractedFields };
}
