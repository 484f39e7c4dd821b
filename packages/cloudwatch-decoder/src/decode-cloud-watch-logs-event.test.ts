import { describe, expect, it } from 'vitest';
import { decodeCloudWatchLogsEvent } from './decode-cloud-watch-logs-event';
import { encodeSubscriptionMessage } from './encode-subscription-message';
import { DecodeError } from './errors';
import type { SubscriptionMessage } from './subscription-message';

const message: SubscriptionMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'foo',
  logStream: 'stream-1',
  subscriptionFilters: ['logferry'],
  logEvents: [{ id: '1', timestamp: 1700000000000, message: 'ilikecats' }],
};
const data = encodeSubscriptionMessage(message);

function expectInvalidInput(run: () => unknown, text: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecodeError);
  expect((caught as DecodeError).code).toBe('invalid-input');
  expect((caught as DecodeError).message).toBe(text);
}

describe('decodeCloudWatchLogsEvent', () => {
  it('decodes awslogs.data', () => {
    expect(decodeCloudWatchLogsEvent({ awslogs: { data } })).toEqual(message);
  });

  it('rejects an event without awslogs.data', () => {
    expectInvalidInput(
      () => decodeCloudWatchLogsEvent({ Records: [] } as never),
      'Invalid input: a CloudWatch Logs subscription event must have awslogs.data as a base64 string; received nothing (the field is missing)',
    );
  });
});
