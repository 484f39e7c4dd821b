import { decodeSubscriptionMessage, encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { describe, expect, it } from 'vitest';
import { decodeBatch } from './decode-batch';
import { decodeLazily } from './decode-lazily';
import { buildDataMessage, controlMessage } from './testing/build-data-message';
import { buildKinesisEvent } from './testing/build-kinesis-event';

function buildEvent() {
  return buildKinesisEvent([
    { data: encodeSubscriptionMessage(buildDataMessage('foo', ['a1', 'a2'])) },
    { data: encodeSubscriptionMessage(controlMessage) },
    { data: 'bm90IGd6aXA=' },
    { data: encodeSubscriptionMessage(buildDataMessage('/aws/lambda/logferry', ['own'])) },
    { data: encodeSubscriptionMessage(buildDataMessage('baz', ['c1', 'c2', 'c3'])) },
  ]);
}

function countingDecode() {
  const counter = { decoded: 0 };
  const decode = (data: string) => {
    counter.decoded += 1;
    return decodeSubscriptionMessage(data);
  };
  return { counter, decode };
}

const options = { ownLogGroup: '/aws/lambda/logferry', now: () => 0 };

describe('decodeLazily', () => {
  it('yields what decodeBatch returns, decoding each Kinesis record only when it is reached', () => {
    const { counter, decode } = countingDecode();
    const batch = decodeLazily(buildEvent(), { ...options, decode });
    expect(counter.decoded).toBe(0);
    const iterator = batch[Symbol.iterator]();
    expect(iterator.next().value?.id).toBe('a1');
    expect(counter.decoded).toBe(1);
    const rest = [...{ [Symbol.iterator]: () => iterator }];
    expect(rest.map((record) => record.id)).toEqual(['a2', 'c1', 'c2', 'c3']);
    expect(batch.taken).toBe(5);

    const whole = decodeBatch(buildEvent(), { ...options, decode: decodeSubscriptionMessage });
    const { records: _records, ...summaryOfWhole } = whole;
    expect(batch.finish()).toEqual({ ...summaryOfWhole, events: 5 });
  });

  it('finish() reaches the records the iteration did not, counting their events', () => {
    const { counter, decode } = countingDecode();
    const batch = decodeLazily(buildEvent(), { ...options, decode });
    const iterator = batch[Symbol.iterator]();
    iterator.next();
    iterator.return?.();
    expect(batch.taken).toBe(1);
    const summary = batch.finish();
    expect(summary).toMatchObject({
      events: 5,
      kinesisRecords: 5,
      controlMessages: 1,
      ownLogGroupEvents: 1,
    });
    expect(summary.undecodable.map((entry) => entry.sequenceNumber)).toHaveLength(1);
    expect(counter.decoded).toBe(5);
    expect(batch.finish()).toBe(summary);
  });

  it('decodes chosen events again, into a sparse array of the batch length', () => {
    const { counter, decode } = countingDecode();
    const batch = decodeLazily(buildEvent(), { ...options, decode });
    batch.finish();
    const before = counter.decoded;
    const events = batch.decodeEvents([4, 0, 3]);
    expect(events).toHaveLength(5);
    expect(events.map((record) => record?.id)).toEqual(['a1', undefined, undefined, 'c2', 'c3']);
    expect(events[4]?.position).toMatchObject({ recordIndex: 4, eventIndex: 2 });
    expect(counter.decoded - before).toBe(2); // foo's record and baz's, once each
  });

  it('refuses a malformed event at once, and a second iteration', () => {
    expect(() =>
      decodeLazily({ Records: [{}] } as never, { decode: decodeSubscriptionMessage }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-event',
        message: expect.stringContaining('Records[0]'),
      }),
    );
    const batch = decodeLazily(buildEvent(), { ...options, decode: decodeSubscriptionMessage });
    [...batch];
    expect(() => [...batch]).toThrow(
      expect.objectContaining({
        code: 'invalid-use',
        message: expect.stringContaining('can be iterated only once'),
      }),
    );
  });
});
