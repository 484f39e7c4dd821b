import { describe, expect, it } from 'vitest';
import { decodeKinesisRecord } from './decode-kinesis-record';
import { encodeSubscriptionMessage } from './encode-subscription-message';
import { expectInvalidInput, sampleDataMessage } from './test-support';

const message = sampleDataMessage;
const data = encodeSubscriptionMessage(message);

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
