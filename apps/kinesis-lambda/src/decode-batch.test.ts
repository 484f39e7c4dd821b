import { decodeSubscriptionMessage, encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { describe, expect, it } from 'vitest';
import { decodeBatch } from './decode-batch';
import { buildDataMessage, controlMessage } from './testing/build-data-message';
import { buildKinesisEvent, firstTestSequenceNumber } from './testing/build-kinesis-event';

describe('decodeBatch', () => {
  it('turns each log event into a SinkRecord carrying its message metadata and Kinesis position', () => {
    const message = {
      ...buildDataMessage('foo', ['e1']),
      policyLevel: 'ACCOUNT_LEVEL_POLICY',
      logEvents: [
        {
          id: 'e1',
          timestamp: 1_700_000_000_000,
          message:
            '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
          extractedFields: { ip: '127.0.0.1', status_code: '200' },
        },
      ],
    };
    const event = buildKinesisEvent(
      [
        {
          data: encodeSubscriptionMessage(message),
          approximateArrivalTimestamp: 1_700_000_001_234,
        },
      ],
      { shardId: 'shardId-000000000007' },
    );

    const batch = decodeBatch(event, { decode: decodeSubscriptionMessage });

    expect(batch.records).toEqual([
      {
        id: 'e1',
        timestamp: 1_700_000_000_000,
        message:
          '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
        extractedFields: { ip: '127.0.0.1', status_code: '200' },
        owner: '123456789012',
        logGroup: 'foo',
        logStream: 'stream-1',
        subscriptionFilters: ['logferry'],
        policyLevel: 'ACCOUNT_LEVEL_POLICY',
        position: {
          shardId: 'shardId-000000000007',
          sequenceNumber: firstTestSequenceNumber.toString(),
          recordIndex: 0,
          eventIndex: 0,
          approximateArrivalTimestamp: 1_700_000_001_234,
        },
      },
    ]);
    expect(batch.oldestArrivalTimestamp).toBe(1_700_000_001_234);
  });

  it('counts control messages and own-log-group events, and keeps the oldest arrival time', () => {
    const event = buildKinesisEvent([
      {
        data: encodeSubscriptionMessage(controlMessage),
        approximateArrivalTimestamp: 1_700_000_000_900,
      },
      {
        data: encodeSubscriptionMessage(buildDataMessage('/aws/lambda/logferry', ['x', 'y', 'z'])),
        approximateArrivalTimestamp: 1_700_000_000_100,
      },
      {
        data: encodeSubscriptionMessage(buildDataMessage('bar', ['b1'])),
        approximateArrivalTimestamp: 1_700_000_000_500,
      },
    ]);

    const batch = decodeBatch(event, {
      decode: decodeSubscriptionMessage,
      ownLogGroup: '/aws/lambda/logferry',
    });

    expect(batch.records.map((record) => [record.id, record.position.recordIndex])).toEqual([
      ['b1', 2],
    ]);
    expect(batch).toMatchObject({
      kinesisRecords: 3,
      controlMessages: 1,
      ownLogGroupEvents: 3,
      oldestArrivalTimestamp: 1_700_000_000_100,
    });
  });

  it('writes exactly the keys that are present, in the same order, with or without the optional ones', () => {
    const event = buildKinesisEvent(
      [{ data: 'plain' }, { data: 'optional', approximateArrivalTimestamp: 1_700_000_000_500 }],
      { shardId: 'shardId-000000000001' },
    );
    // Lambda may omit the arrival time; the plain record then has no such key at all.
    const plainKinesis = event.Records[0]?.kinesis as { approximateArrivalTimestamp?: number };
    delete plainKinesis.approximateArrivalTimestamp;
    const base = {
      messageType: 'DATA_MESSAGE' as const,
      owner: '123456789012',
      logGroup: 'orders',
      logStream: 'stream-1',
      subscriptionFilters: ['logferry'],
    };
    const batch = decodeBatch(event, {
      decode: (data) =>
        data === 'plain'
          ? { ...base, logEvents: [{ id: 'p1', timestamp: 1, message: 'plain' }] }
          : {
              ...base,
              policyLevel: 'ACCOUNT_LEVEL_POLICY',
              logEvents: [
                { id: 'o1', timestamp: 2, message: 'both', extractedFields: { status: '200' } },
                { id: 'o2', timestamp: 3, message: 'policy only' },
              ],
            },
    });

    const sequenceNumber = (index: number) =>
      JSON.stringify(event.Records[index]?.kinesis.sequenceNumber);
    expect(batch.records.map((record) => JSON.stringify(record))).toEqual([
      `{"id":"p1","timestamp":1,"message":"plain","owner":"123456789012","logGroup":"orders","logStream":"stream-1","subscriptionFilters":["logferry"],"position":{"shardId":"shardId-000000000001","sequenceNumber":${sequenceNumber(0)},"recordIndex":0,"eventIndex":0}}`,
      `{"id":"o1","timestamp":2,"message":"both","extractedFields":{"status":"200"},"owner":"123456789012","logGroup":"orders","logStream":"stream-1","subscriptionFilters":["logferry"],"policyLevel":"ACCOUNT_LEVEL_POLICY","position":{"shardId":"shardId-000000000001","sequenceNumber":${sequenceNumber(1)},"recordIndex":1,"eventIndex":0,"approximateArrivalTimestamp":1700000000500}}`,
      `{"id":"o2","timestamp":3,"message":"policy only","owner":"123456789012","logGroup":"orders","logStream":"stream-1","subscriptionFilters":["logferry"],"policyLevel":"ACCOUNT_LEVEL_POLICY","position":{"shardId":"shardId-000000000001","sequenceNumber":${sequenceNumber(1)},"recordIndex":1,"eventIndex":1,"approximateArrivalTimestamp":1700000000500}}`,
    ]);
    expect(Object.keys(batch.records[0] ?? {})).not.toContain('extractedFields');
    expect(Object.keys(batch.records[0]?.position ?? {})).not.toContain(
      'approximateArrivalTimestamp',
    );
  });

  it('rejects a record without data with an invalid-event error naming the record', () => {
    const event = buildKinesisEvent([{ data: encodeSubscriptionMessage(controlMessage) }]);
    const broken = { Records: [event.Records[0], { eventID: 'x' }] };

    expect(() => decodeBatch(broken as never, { decode: decodeSubscriptionMessage })).toThrow(
      'Expected Records[1] to have a string eventID, kinesis.data and kinesis.sequenceNumber; received {"eventID":"x"}',
    );
  });

  it('decodes only the records of range, keeping their indices in the whole event', () => {
    const event = buildKinesisEvent([
      { data: encodeSubscriptionMessage(buildDataMessage('foo', ['a1'])) },
      { data: encodeSubscriptionMessage(controlMessage) },
      { data: encodeSubscriptionMessage(buildDataMessage('baz', ['c1', 'c2'])) },
    ]);

    const batch = decodeBatch(event, {
      decode: decodeSubscriptionMessage,
      range: { start: 1, end: 3 },
    });

    expect(batch.records.map((record) => [record.id, record.position.recordIndex])).toEqual([
      ['c1', 2],
      ['c2', 2],
    ]);
    expect(batch).toMatchObject({ kinesisRecords: 2, controlMessages: 1 });
  });
});
