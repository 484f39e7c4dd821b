import { describe, expect, it } from 'vitest';
import { decodeKinesisRecord } from './decode-kinesis-record';
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

describe('decodeKinesisRecord', () => {
  it('decodes kinesis.data', () => {
    expect(decodeKinesisRecord({ kinesis: { data } })).toEqual(message);
  });

  it('passes options through', () => {
    expect(() => decodeKinesisRecord({ kinesis: { data } }, { maxDecompressedBytes: 10 })).toThrow(
      /too large/,
    );
  });

  it.each([
    [{ kinesis: {} }, 'nothing (the field is missing)'],
    [{ kinesis: { data: 42 } }, 'number 42'],
    [{ data }, 'nothing (the field is missing)'],
    [null, 'nothing (the field is missing)'],
  ])('rejects %j without kinesis.data', (record, received) => {
    expectInvalidInput(
      () => decodeKinesisRecord(record as never),
      `Invalid input: a Kinesis record must have kinesis.data as a base64 string; received ${received}`,
    );
  });
});
