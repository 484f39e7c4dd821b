import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCloudWatchLogsEvent } from './decode-cloud-watch-logs-event';
import { decodeFirehoseRecord } from './decode-firehose-record';
import { decodeKinesisRecord } from './decode-kinesis-record';
import { INFLATERS } from './test-support';

const readFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

interface KinesisEvent {
  Records: { kinesis: { data: string } }[];
}

// Golden fixtures: real AWS event shapes whose payloads were gzipped by node:zlib
// (see __fixtures__/generate-fixtures.mjs); each has the expected decoded messages beside it.
describe.each(INFLATERS)('golden fixtures with the %s inflater', (inflater) => {
  it.each([
    'kinesis-data-message-event',
    'kinesis-control-message-event',
    'kinesis-account-policy-event',
    'kinesis-extracted-fields-event',
  ])('decodeKinesisRecord decodes every record of %s', (name) => {
    const event = readFixture(`${name}.json`) as KinesisEvent;
    const decoded = event.Records.map((record) => decodeKinesisRecord(record, { inflater }));
    expect(decoded).toEqual(readFixture(`${name}.decoded.json`));
  });

  it('decodeKinesisRecord reads a DATA_MESSAGE with Lambda platform lines, an empty message and unicode', () => {
    const event = readFixture('kinesis-data-message-event.json') as KinesisEvent;
    const [first, second] = event.Records.map((record) =>
      decodeKinesisRecord(record, { inflater }),
    );
    expect(first?.messageType).toBe('DATA_MESSAGE');
    expect(first?.logGroup).toBe('/aws/lambda/checkout');
    expect(first?.logEvents.map((logEvent) => logEvent.message.split(' ')[0])).toEqual([
      'START',
      '2023-11-14T22:13:19.042Z\t8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f\tINFO\t{"level":"info","msg":"order',
      '2023-11-14T22:13:19.043Z\t8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f\tERROR\tInvoke',
      'END',
      'REPORT',
    ]);
    expect(second?.logEvents.map((logEvent) => logEvent.message)).toEqual([
      '',
      'payment authorised: 支払い完了 ✅',
    ]);
  });

  it('decodeKinesisRecord reads a CONTROL_MESSAGE', () => {
    const event = readFixture('kinesis-control-message-event.json') as KinesisEvent;
    const message = decodeKinesisRecord(event.Records[0]!, { inflater });
    expect(message).toEqual({
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [
        {
          id: '',
          timestamp: 1700000000000,
          message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
        },
      ],
    });
  });

  it('decodeKinesisRecord keeps policyLevel of an account-level subscription policy', () => {
    const event = readFixture('kinesis-account-policy-event.json') as KinesisEvent;
    const message = decodeKinesisRecord(event.Records[0]!, { inflater });
    expect(message.messageType === 'DATA_MESSAGE' && message.policyLevel).toBe(
      'ACCOUNT_LEVEL_POLICY',
    );
  });

  it('decodeKinesisRecord keeps extractedFields of a space-delimited filter pattern', () => {
    const event = readFixture('kinesis-extracted-fields-event.json') as KinesisEvent;
    const message = decodeKinesisRecord(event.Records[0]!, { inflater });
    expect(message.logEvents[0]?.extractedFields).toEqual({
      ip: '127.0.0.1',
      user: '-',
      username: 'frank',
      timestamp: '10/Oct/2000:13:25:15 -0700',
      request: 'GET /apache_pb.gif HTTP/1.0',
      status_code: '200',
      bytes: '1534',
    });
  });

  it('decodeCloudWatchLogsEvent decodes a direct subscription event', () => {
    const event = readFixture('cloudwatch-logs-event.json') as { awslogs: { data: string } };
    expect([decodeCloudWatchLogsEvent(event, { inflater })]).toEqual(
      readFixture('cloudwatch-logs-event.decoded.json'),
    );
  });

  it('decodeFirehoseRecord decodes a Firehose transformation event record', () => {
    const event = readFixture('firehose-transformation-event.json') as {
      records: { data: string }[];
    };
    expect(event.records.map((record) => decodeFirehoseRecord(record, { inflater }))).toEqual(
      readFixture('firehose-transformation-event.decoded.json'),
    );
  });
});
