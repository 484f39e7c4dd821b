import { describe, expect, it } from 'vitest';
import { decodeFirehoseRecord } from './decode-firehose-record';
import { encodeSubscriptionMessage } from './encode-subscription-message';
import { expectInvalidInput, sampleDataMessage } from './test-support';

const message = sampleDataMessage;
const data = encodeSubscriptionMessage(message);

describe('decodeFirehoseRecord', () => {
  it('decodes data', () => {
    expect(decodeFirehoseRecord({ data })).toEqual(message);
  });

  it('rejects a record without data', () => {
    expectInvalidInput(
      () => decodeFirehoseRecord({ recordId: '1' } as never),
      'Invalid input: a Firehose record must have data as a base64 string; received nothing (the field is missing)',
    );
  });
});
