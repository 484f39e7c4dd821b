/**
 * One log event of a subscription message.
 *
 * @example
 * ```ts
 * const event: LogEvent = {
 *   id: '31953106606966983378809025079804211143289615424298221568',
 *   timestamp: 1432826855000,
 *   message: 'ilikecats',
 * };
 * ```
 */
export interface LogEvent {
  /** CloudWatch Logs event id: a decimal string, unique per event (empty in control messages). */
  readonly id: string;
  /** Event time in milliseconds since the epoch. */
  readonly timestamp: number;
  /** The raw log line, possibly empty, possibly with a trailing newline. */
  readonly message: string;
  /**
   * Fields extracted by the subscription filter's space-delimited pattern, e.g.
   * `[ip, user, username, timestamp, request, status_code, bytes]`; absent otherwise.
   */
  readonly extractedFields?: Readonly<Record<string, string>>;
}

/**
 * Log events CloudWatch Logs delivers to a subscription destination.
 *
 * Unknown fields that AWS adds later are kept on the decoded object at run time but are not part
 * of this type.
 *
 * @example
 * ```ts
 * const message: DataMessage = {
 *   messageType: 'DATA_MESSAGE',
 *   owner: '123456789012',
 *   logGroup: 'foo',
 *   logStream: 'stream-1',
 *   subscriptionFilters: ['logferry'],
 *   logEvents: [{ id: '1', timestamp: 1700000000000, message: 'ilikecats' }],
 * };
 * ```
 */
export interface DataMessage {
  readonly messageType: 'DATA_MESSAGE';
  /** AWS account id that owns the log group. */
  readonly owner: string;
  /** Log group name. */
  readonly logGroup: string;
  /** Log stream name. */
  readonly logStream: string;
  /** Names of the subscription filters (or account policies) that matched. */
  readonly subscriptionFilters: readonly string[];
  /** The events, in the order CloudWatch Logs sent them. */
  readonly logEvents: readonly LogEvent[];
  /** `ACCOUNT_LEVEL_POLICY` when an account-level subscription policy sent the events. */
  readonly policyLevel?: string;
}

/**
 * The health check CloudWatch Logs sends when a subscription is created (owner `CloudwatchLogs`,
 * message `CWL CONTROL MESSAGE: Checking health of destination …`). Consumers skip it.
 *
 * @example
 * ```ts
 * const message: ControlMessage = {
 *   messageType: 'CONTROL_MESSAGE',
 *   owner: 'CloudwatchLogs',
 *   logGroup: '',
 *   logStream: '',
 *   subscriptionFilters: [],
 *   logEvents: [
 *     { id: '', timestamp: 1700000000000, message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.' },
 *   ],
 * };
 * ```
 */
export interface ControlMessage {
  readonly messageType: 'CONTROL_MESSAGE';
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
  readonly logEvents: readonly LogEvent[];
}

/**
 * A decoded CloudWatch Logs subscription payload; branch on `messageType`.
 *
 * @example
 * ```ts
 * const events = message.messageType === 'DATA_MESSAGE' ? message.logEvents : [];
 * ```
 */
export type SubscriptionMessage = DataMessage | ControlMessage;
