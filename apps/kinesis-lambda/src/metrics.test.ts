import { describe, expect, it } from 'vitest';
import type { DeliveryReport } from './deliver-batch';
import { formatInvocationLog } from './metrics';

function buildReport(overrides: Partial<DeliveryReport> = {}): DeliveryReport {
  return {
    batchItemFailures: [{ itemIdentifier: '2' }],
    kinesisRecords: 3,
    events: 10,
    controlMessages: 1,
    ownLogGroupEvents: 4,
    undecodable: 1,
    deadLettered: 2,
    deadLetterFailure: undefined,
    handedBack: 1,
    oldestArrivalTimestamp: 1_700_000_000_000,
    startedAt: 1_700_000_005_000,
    durationMs: 812,
    sinks: [
      {
        name: 'elasticsearch',
        delivered: 8,
        deadLettered: 1,
        handedBack: 1,
        retried: 3,
        attempts: 3,
        requests: 3,
        bytesSent: 4_096,
        sendDurationsMs: [120, 80, 95],
        failure: undefined,
      },
      {
        name: 'archive',
        delivered: 10,
        deadLettered: 0,
        handedBack: 0,
        retried: 0,
        attempts: 1,
        requests: 1,
        bytesSent: 1_024,
        sendDurationsMs: [40],
        failure: undefined,
      },
    ],
    ...overrides,
  };
}

describe('formatInvocationLog', () => {
  it('writes one JSON line that is a CloudWatch EMF document with every contract metric', () => {
    const line = formatInvocationLog(buildReport(), {
      functionName: 'logferry',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      now: () => 1_700_000_006_000,
    });

    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      level: 'WARN',
      message: 'logferry delivered a batch of 3 records',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      _aws: {
        Timestamp: 1_700_000_006_000,
        CloudWatchMetrics: [
          {
            Namespace: 'Logferry',
            Dimensions: [['FunctionName']],
            Metrics: [
              { Name: 'Records', Unit: 'Count' },
              { Name: 'Events', Unit: 'Count' },
              { Name: 'Delivered', Unit: 'Count' },
              { Name: 'Retried', Unit: 'Count' },
              { Name: 'DeadLettered', Unit: 'Count' },
              { Name: 'HandedBack', Unit: 'Count' },
              { Name: 'BytesSent', Unit: 'Bytes' },
              { Name: 'BulkLatency', Unit: 'Milliseconds' },
              { Name: 'OldestRecordAgeMs', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      FunctionName: 'logferry',
      Records: 3,
      Events: 10,
      Delivered: 18,
      Retried: 3,
      DeadLettered: 2,
      HandedBack: 1,
      BytesSent: 5_120,
      BulkLatency: [120, 80, 95, 40],
      OldestRecordAgeMs: 6_000,
      durationMs: 812,
      controlMessages: 1,
      ownLogGroupEvents: 4,
      undecodable: 1,
      sinks: {
        elasticsearch: {
          delivered: 8,
          deadLettered: 1,
          handedBack: 1,
          retried: 3,
          attempts: 3,
          requests: 3,
          bytesSent: 4_096,
          sendDurationsMs: [120, 80, 95],
        },
        archive: {
          delivered: 10,
          deadLettered: 0,
          handedBack: 0,
          retried: 0,
          attempts: 1,
          requests: 1,
          bytesSent: 1_024,
          sendDurationsMs: [40],
        },
      },
    });
  });

  it('leaves out metrics without values and logs INFO for a clean batch', () => {
    const parsed = JSON.parse(
      formatInvocationLog(
        buildReport({
          batchItemFailures: [],
          handedBack: 0,
          deadLettered: 0,
          kinesisRecords: 1,
          events: 0,
          oldestArrivalTimestamp: undefined,
          sinks: [],
        }),
        { now: () => 0 },
      ),
    );

    expect(parsed.level).toBe('INFO');
    expect(parsed.FunctionName).toBe('unknown');
    expect(parsed.requestId).toBeUndefined();
    expect(parsed.BulkLatency).toBeUndefined();
    expect(parsed.OldestRecordAgeMs).toBeUndefined();
    expect(
      parsed._aws.CloudWatchMetrics[0].Metrics.map((metric: { Name: string }) => metric.Name),
    ).toEqual([
      'Records',
      'Events',
      'Delivered',
      'Retried',
      'DeadLettered',
      'HandedBack',
      'BytesSent',
    ]);
  });

  it('caps latency values at the 100 EMF allows and includes failures', () => {
    const parsed = JSON.parse(
      formatInvocationLog(
        buildReport({
          deadLetterFailure: { name: 'SinkError', code: 'server', message: 'S3 answered 503' },
          sinks: [
            {
              ...(buildReport().sinks[0] as DeliveryReport['sinks'][number]),
              sendDurationsMs: Array.from({ length: 150 }, (_, index) => index),
              failure: { name: 'SinkError', code: 'authentication', message: '403 Forbidden' },
            },
          ],
        }),
      ),
    );

    expect(parsed.BulkLatency).toHaveLength(100);
    expect(parsed.sinks.elasticsearch.sendDurationsMs).toHaveLength(100);
    expect(parsed.sinks.elasticsearch.failure).toEqual({
      name: 'SinkError',
      code: 'authentication',
      message: '403 Forbidden',
    });
    expect(parsed.deadLetterFailure).toEqual({
      name: 'SinkError',
      code: 'server',
      message: 'S3 answered 503',
    });
  });
});
