import { describe, expect, it } from 'vitest';
import { decodeCloudWatchLogsEvent } from './decode-cloud-watch-logs-event';
import { encodeSubscriptionMessage } from './encode-subscription-message';
import { expectInvalidInput, sampleDataMessage } from './test-support';

const message = sampleDataMessage;
const data = encodeSubscriptionMessage(message);

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
