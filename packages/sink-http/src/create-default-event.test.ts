import { describe, expect, it } from 'vitest';
import { createDefaultEvent } from './create-default-event';
import { loadFixtureRecords } from './test-support';

describe('createDefaultEvent', () => {
  it('keeps the message and names where it came from, timestamp first', () => {
    const [record] = loadFixtureRecords('lambda-and-ecs-messages.decoded.json');
    expect(JSON.stringify(createDefaultEvent(record!))).toBe(
      '{"timestamp":"2023-11-14T22:13:19.001Z","message":"START RequestId: 8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f Version: $LATEST\\n","logGroup":"/aws/lambda/checkout","logStream":"2023/11/14/[$LATEST]6f1c8a2b9d0e4f7a8b3c2d1e0f9a8b7c","owner":"123456789012","id":"37890412339876543210987654321098765432109876543210123456"}',
    );
  });

  it('adds extracted fields when the subscription filter produced some', () => {
    const [record] = loadFixtureRecords('extracted-fields-message.decoded.json');
    expect(createDefaultEvent(record!).extractedFields).toEqual({
      ip: '127.0.0.1',
      user: '-',
      username: 'frank',
      timestamp: '10/Oct/2000:13:25:15 -0700',
      request: 'GET /apache_pb.gif HTTP/1.0',
      status_code: '200',
      bytes: '1534',
    });
  });

  it('throws a RangeError for a timestamp that is not a time', () => {
    const [record] = loadFixtureRecords('lambda-and-ecs-messages.decoded.json');
    expect(() => createDefaultEvent({ ...record!, timestamp: Number.NaN })).toThrow(RangeError);
  });
});
