import type { DeliveryReport } from './deliver-batch';

/**
 * CloudWatch namespace of every logferry metric.
 *
 * @example
 * ```ts
 * // CloudWatch console: metrics → Logferry → FunctionName
 * console.log(metricsNamespace); // 'Logferry'
 * ```
 */
export const metricsNamespace = 'Logferry';

/** EMF caps a metric's value array at 100 entries. */
const maximumValuesPerMetric = 100;

/**
 * Options of {@link formatInvocationLog}.
 *
 * @example
 * ```ts
 * const options: FormatInvocationLogOptions = { functionName: 'logferry', requestId: context.awsRequestId };
 * ```
 */
export interface FormatInvocationLogOptions {
  /**
   * Value of the `FunctionName` dimension.
   * @default 'unknown'
   */
  readonly functionName?: string;
  /**
   * The invocation's request id, for correlating with Lambda's own log lines.
   * @default undefined (omitted)
   */
  readonly requestId?: string;
  /**
   * Current time in ms, for `OldestRecordAgeMs` and the EMF timestamp.
   * @default Date.now
   */
  readonly now?: () => number;
}

/**
 * Formats the one structured log line written per invocation. It is both a JSON log entry
 * (counts, durations, per-sink breakdown, failures — never message bodies or secrets) and a
 * CloudWatch Embedded Metric Format document: CloudWatch Logs extracts the metrics below in
 * namespace `Logferry` with the dimension `FunctionName`, without any API call.
 *
 * | metric | unit | meaning |
 * | --- | --- | --- |
 * | `Records` | Count | Kinesis records in the batch |
 * | `Events` | Count | log events to deliver (control messages and own-log-group events excluded) |
 * | `Delivered` | Count | events accepted, summed over sinks (2 sinks × 10 events = 20) |
 * | `Retried` | Count | event re-sends, summed over sinks |
 * | `DeadLettered` | Count | dead-letter entries durably written (rejected events per sink + undecodable records) |
 * | `HandedBack` | Count | Kinesis records reported in `batchItemFailures` |
 * | `BytesSent` | Bytes | request body bytes, summed over sinks |
 * | `BulkLatency` | Milliseconds | duration of each sink `send` call (one value per call) |
 * | `OldestRecordAgeMs` | Milliseconds | now − the oldest record's `approximateArrivalTimestamp` |
 *
 * Per-sink figures are in the `sinks` property of the same line (query them with Logs Insights).
 *
 * @example
 * ```ts
 * console.log(formatInvocationLog(report, { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME }));
 * ```
 */
export function formatInvocationLog(
  report: DeliveryReport,
  options: FormatInvocationLogOptions = {},
): string {
  const now = (options.now ?? Date.now)();
  const sum = (pick: (sink: DeliveryReport['sinks'][number]) => number) =>
    report.sinks.reduce((total, sink) => total + pick(sink), 0);
  const latencies = report.sinks
    .flatMap((sink) => sink.sendDurationsMs)
    .slice(0, maximumValuesPerMetric);

  const values: Record<string, number | number[]> = {
    Records: report.kinesisRecords,
    Events: report.events,
    Delivered: sum((sink) => sink.delivered),
    Retried: sum((sink) => sink.retried),
    DeadLettered: report.deadLettered,
    HandedBack: report.handedBack,
    BytesSent: sum((sink) => sink.bytesSent),
  };
  const metrics = [
    { Name: 'Records', Unit: 'Count' },
    { Name: 'Events', Unit: 'Count' },
    { Name: 'Delivered', Unit: 'Count' },
    { Name: 'Retried', Unit: 'Count' },
    { Name: 'DeadLettered', Unit: 'Count' },
    { Name: 'HandedBack', Unit: 'Count' },
    { Name: 'BytesSent', Unit: 'Bytes' },
  ];
  // A metric without values would be published as nothing anyway; leave it out of the directive.
  if (latencies.length > 0) {
    values.BulkLatency = latencies;
    metrics.push({ Name: 'BulkLatency', Unit: 'Milliseconds' });
  }
  if (report.oldestArrivalTimestamp !== undefined) {
    values.OldestRecordAgeMs = Math.max(0, now - report.oldestArrivalTimestamp);
    metrics.push({ Name: 'OldestRecordAgeMs', Unit: 'Milliseconds' });
  }

  const problems = report.handedBack > 0 || report.deadLettered > 0;
  const line = {
    level: problems ? 'WARN' : 'INFO',
    message: `logferry delivered a batch of ${report.kinesisRecords} records`,
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: metricsNamespace,
          Dimensions: [['FunctionName']],
          Metrics: metrics,
        },
      ],
    },
    FunctionName: options.functionName ?? 'unknown',
    ...values,
    durationMs: report.durationMs,
    controlMessages: report.controlMessages,
    ownLogGroupEvents: report.ownLogGroupEvents,
    undecodable: report.undecodable,
    ...(report.deadLetterFailure === undefined
      ? {}
      : { deadLetterFailure: report.deadLetterFailure }),
    sinks: Object.fromEntries(
      report.sinks.map((sink) => [
        sink.name,
        {
          delivered: sink.delivered,
          deadLettered: sink.deadLettered,
          handedBack: sink.handedBack,
          retried: sink.retried,
          attempts: sink.attempts,
          requests: sink.requests,
          bytesSent: sink.bytesSent,
          sendDurationsMs: sink.sendDurationsMs.slice(0, maximumValuesPerMetric),
          ...(sink.failure === undefined ? {} : { failure: sink.failure }),
        },
      ]),
    ),
  };
  return JSON.stringify(line);
}
