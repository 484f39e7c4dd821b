/**
 * Builds a CloudWatch Logs DATA_MESSAGE (the JSON CloudWatch Logs gzips into each Kinesis record).
 *
 * @example
 * ```ts
 * buildDataMessage('foo', ['e1', 'e2']).logEvents[1]; // { id: 'e2', timestamp: 1700000000001, message: 'message e2' }
 * ```
 */
export function buildDataMessage(
  logGroup: string,
  ids: readonly string[],
  options: { readonly logStream?: string; readonly message?: (id: string) => string } = {},
) {
  return {
    messageType: 'DATA_MESSAGE' as const,
    owner: '123456789012',
    logGroup,
    logStream: options.logStream ?? 'stream-1',
    subscriptionFilters: ['logferry'],
    logEvents: ids.map((id, index) => ({
      id,
      timestamp: 1_700_000_000_000 + index,
      message: options.message?.(id) ?? `message ${id}`,
    })),
  };
}

/**
 * The health-check message CloudWatch Logs writes when a subscription is created.
 *
 * @example
 * ```ts
 * const data = encodeSubscriptionMessage(controlMessage);
 * ```
 */
export const controlMessage = {
  messageType: 'CONTROL_MESSAGE' as const,
  owner: 'CloudwatchLogs',
  logGroup: '',
  logStream: '',
  subscriptionFilters: [],
  logEvents: [
    {
      id: '',
      timestamp: 1_700_000_000_000,
      message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
    },
  ],
};
