import { decodeSubscriptionMessage, encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { SinkError } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import { type DeliverBatchOptions, deliverBatch } from './deliver-batch';
import { KinesisLambdaError } from './errors';
import { buildDataMessage, controlMessage } from './testing/build-data-message';
import { buildKinesisEvent, firstTestSequenceNumber } from './testing/build-kinesis-event';
import { createFakeClock } from './testing/create-fake-clock';
import { createMemoryDeadLetterStore } from './testing/create-memory-dead-letter-store';
import { createScriptedSink } from './testing/create-scripted-sink';

const sequenceNumber = (index: number) => (firstTestSequenceNumber + BigInt(index)).toString();

/** Three records: foo [a1, a2], bar [b1], baz [c1, c2, c3]. */
function buildThreeRecordEvent() {
  return buildKinesisEvent([
    { data: encodeSubscriptionMessage(buildDataMessage('foo', ['a1', 'a2'])) },
    { data: encodeSubscriptionMessage(buildDataMessage('bar', ['b1'])) },
    { data: encodeSubscriptionMessage(buildDataMessage('baz', ['c1', 'c2', 'c3'])) },
  ]);
}

function buildOptions(overrides: Partial<DeliverBatchOptions> = {}) {
  const clock = createFakeClock();
  const deadLetterStore = createMemoryDeadLetterStore();
  const options: DeliverBatchOptions = {
    sinks: [createScriptedSink({ name: 'elasticsearch' })],
    deadLetterStore,
    decode: decodeSubscriptionMessage,
    getRemainingTimeInMillis: () => 60_000,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...overrides,
  };
  return { options, clock, deadLetterStore };
}

describe('deliverBatch', () => {
  it('delivers every event to every sink and reports no failures when all sinks accept', async () => {
    const elasticsearch = createScriptedSink({ name: 'elasticsearch' });
    const archive = createScriptedSink({ name: 'archive' });
    const { options, deadLetterStore } = buildOptions({ sinks: [elasticsearch, archive] });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual([]);
    expect(report.kinesisRecords).toBe(3);
    expect(report.events).toBe(6);
    expect(elasticsearch.calls.map((call) => call.ids)).toEqual([
      ['a1', 'a2', 'b1', 'c1', 'c2', 'c3'],
    ]);
    expect(archive.calls).toHaveLength(1);
    expect(report.sinks.map((sink) => [sink.name, sink.delivered, sink.attempts])).toEqual([
      ['elasticsearch', 6, 1],
      ['archive', 6, 1],
    ]);
    expect(deadLetterStore.writes).toBe(0);
  });

  it('retries only the retryable records, after a full-jitter backoff, until they succeed', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      decide: (record, attempt) =>
        record.id === 'b1' && attempt < 3
          ? { status: 'retryable', reason: 'es_rejected_execution_exception', httpStatus: 429 }
          : { status: 'delivered' },
    });
    const { options, clock } = buildOptions({ sinks: [elasticsearch], random: () => 0.5 });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual([]);
    expect(elasticsearch.calls.map((call) => call.ids)).toEqual([
      ['a1', 'a2', 'b1', 'c1', 'c2', 'c3'],
      ['b1'],
      ['b1'],
    ]);
    // random 0.5 × ceilings 100 and 200 ms
    expect(clock.sleeps).toEqual([50, 100]);
    expect(report.sinks[0]).toMatchObject({ delivered: 6, retried: 2, attempts: 3, handedBack: 0 });
  });

  it('keeps per-sink state: a sink that succeeded is not called again when another retries', async () => {
    const archive = createScriptedSink({ name: 'archive' });
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      decide: (_record, attempt) =>
        attempt === 1
          ? { status: 'retryable', reason: 'server error', httpStatus: 503 }
          : { status: 'delivered' },
    });
    const { options } = buildOptions({ sinks: [archive, elasticsearch] });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual([]);
    expect(archive.calls).toHaveLength(1);
    expect(elasticsearch.calls).toHaveLength(2);
    expect([...archive.delivered.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(report.sinks.map((sink) => [sink.name, sink.retried])).toEqual([
      ['archive', 0],
      ['elasticsearch', 6],
    ]);
  });

  it('dead-letters rejected records with the sink name and reason, without retrying them', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      decide: (record) =>
        record.id === 'c2'
          ? {
              status: 'rejected',
              reason: 'failed to parse field [status] of type [long]',
              errorType: 'mapper_parsing_exception',
              httpStatus: 400,
            }
          : { status: 'delivered' },
    });
    const archive = createScriptedSink({ name: 'archive' });
    const { options, deadLetterStore, clock } = buildOptions({ sinks: [elasticsearch, archive] });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual([]);
    expect(elasticsearch.calls).toHaveLength(1);
    expect(deadLetterStore.entries).toEqual([
      {
        kind: 'rejected-record',
        record: {
          id: 'c2',
          timestamp: 1_700_000_000_001,
          message: 'message c2',
          owner: '123456789012',
          logGroup: 'baz',
          logStream: 'stream-1',
          subscriptionFilters: ['logferry'],
          position: {
            shardId: 'shardId-000000000000',
            sequenceNumber: sequenceNumber(2),
            recordIndex: 2,
            eventIndex: 1,
            approximateArrivalTimestamp: 1_700_000_000_002,
          },
        },
        sink: 'elasticsearch',
        reason: 'failed to parse field [status] of type [long]',
        errorType: 'mapper_parsing_exception',
        httpStatus: 400,
        failedAt: new Date(clock.now()).toISOString(),
      },
    ]);
    expect(report.deadLettered).toBe(1);
    expect(report.sinks.map((sink) => [sink.name, sink.delivered, sink.deadLettered])).toEqual([
      ['elasticsearch', 5, 1],
      ['archive', 6, 0],
    ]);
  });

  it('hands back exactly the records still retryable at the deadline, by sequence number', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      decide: (record) =>
        record.id === 'a2' || record.id === 'c3'
          ? { status: 'retryable', reason: 'too many requests', httpStatus: 429 }
          : { status: 'delivered' },
    });
    const archive = createScriptedSink({ name: 'archive' });
    const { options, deadLetterStore, clock } = buildOptions({
      sinks: [elasticsearch, archive],
      getRemainingTimeInMillis: () => 10_000,
      random: () => 0.999,
    });
    const startedAt = clock.now();

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual([
      { itemIdentifier: sequenceNumber(0) },
      { itemIdentifier: sequenceNumber(2) },
    ]);
    expect(report.handedBack).toBe(2);
    // Deadline = 10 s remaining − 5 s margin; no attempt may start after it.
    expect(clock.now() - startedAt).toBeLessThan(5_000);
    expect(clock.sleeps.reduce((total, delay) => total + delay, 0)).toBeLessThan(5_000);
    expect(elasticsearch.calls.length).toBeGreaterThan(3);
    expect(elasticsearch.calls.slice(1).every((call) => call.ids.join() === 'a2,c3')).toBe(true);
    expect(archive.calls).toHaveLength(1);
    expect(deadLetterStore.writes).toBe(0);
    expect(report.sinks[0]).toMatchObject({ delivered: 4, handedBack: 2, deadLettered: 0 });
  });

  it('bounds delivery by the retry budget when it is shorter than the remaining time', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      decide: () => ({ status: 'retryable', reason: 'throttled', httpStatus: 429 }),
    });
    const { options, clock } = buildOptions({
      sinks: [elasticsearch],
      getRemainingTimeInMillis: () => 300_000,
      retryBudgetMs: 1_000,
      random: () => 0.999,
    });
    const startedAt = clock.now();

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(clock.now() - startedAt).toBeLessThan(1_000);
    // 99 + 199 + 399 = 697 ms slept; the next 799 ms backoff would cross the 1 s budget
    expect(clock.sleeps).toEqual([99, 199, 399]);
    expect(report.batchItemFailures).toHaveLength(3);
  });

  it('hands back (never dead-letters) the records of a sink failing with a non-retryable SinkError', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      beforeSend: () => {
        throw new SinkError('Elasticsearch answered 403: the role is not mapped', {
          code: 'authentication',
          retryable: false,
          sink: 'elasticsearch',
          httpStatus: 403,
        });
      },
    });
    const archive = createScriptedSink({ name: 'archive' });
    const { options, deadLetterStore, clock } = buildOptions({ sinks: [elasticsearch, archive] });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual(
      [0, 1, 2].map((index) => ({ itemIdentifier: sequenceNumber(index) })),
    );
    expect(elasticsearch.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(deadLetterStore.writes).toBe(0);
    expect(archive.delivered.size).toBe(6);
    expect(report.sinks[0]).toMatchObject({
      delivered: 0,
      handedBack: 6,
      failure: {
        name: 'SinkError',
        code: 'authentication',
        message: 'Elasticsearch answered 403: the role is not mapped',
      },
    });
  });

  it('retries a send that throws a retryable SinkError', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      beforeSend: (call) => {
        if (call === 1) {
          throw new SinkError('connect ECONNREFUSED 127.0.0.1:9200', {
            code: 'network',
            retryable: true,
          });
        }
      },
    });
    const { options } = buildOptions({ sinks: [elasticsearch] });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual([]);
    expect(elasticsearch.calls).toHaveLength(2);
    expect(report.sinks[0]).toMatchObject({ delivered: 6, retried: 6, attempts: 2 });
  });

  it('hands back the records of a sink that throws something other than a SinkError', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      beforeSend: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'items')");
      },
    });
    const { options } = buildOptions({ sinks: [elasticsearch] });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toHaveLength(3);
    expect(elasticsearch.calls).toHaveLength(1);
    expect(report.sinks[0]?.failure).toEqual({
      name: 'TypeError',
      code: undefined,
      message: "Cannot read properties of undefined (reading 'items')",
    });
  });

  it('hands back every record when a sink breaks the one-outcome-per-record contract', async () => {
    const broken = {
      name: 'broken',
      send: async () => ({
        outcomes: [{ status: 'delivered' as const }],
        requests: 1,
        bytesSent: 10,
      }),
    };
    const { options } = buildOptions({ sinks: [broken] });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toHaveLength(3);
    expect(report.sinks[0]).toMatchObject({
      delivered: 0,
      handedBack: 6,
      failure: { name: 'SinkContractViolation', code: 'outcome-count-mismatch' },
    });
  });

  it('hands back the dead-lettered records when the dead-letter store keeps failing', async () => {
    const deadLetterStore = createMemoryDeadLetterStore({
      fail: () =>
        new SinkError('S3 answered 503 Slow Down', {
          code: 'server',
          retryable: true,
          httpStatus: 503,
        }),
    });
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      decide: (record) =>
        record.id === 'b1'
          ? { status: 'rejected', reason: 'document too large', httpStatus: 400 }
          : { status: 'delivered' },
    });
    const { options, clock } = buildOptions({ sinks: [elasticsearch], deadLetterStore });

    const report = await deliverBatch(buildThreeRecordEvent(), options);

    expect(report.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumber(1) }]);
    expect(deadLetterStore.writes).toBe(3);
    expect(deadLetterStore.entries).toEqual([]);
    expect(clock.sleeps).toEqual([50, 100]);
    expect(report.deadLettered).toBe(0);
    expect(report.deadLetterFailure).toEqual({
      name: 'SinkError',
      code: 'server',
      message: 'S3 answered 503 Slow Down',
    });
    expect(report.sinks[0]).toMatchObject({ delivered: 5, deadLettered: 0, handedBack: 1 });
  });

  it('does not retry a dead-letter write that failed with a non-retryable error', async () => {
    const deadLetterStore = createMemoryDeadLetterStore({
      fail: () =>
        new SinkError('S3 answered 403 AccessDenied', { code: 'authentication', retryable: false }),
    });
    const event = buildKinesisEvent([{ data: 'bm90IGd6aXA=' }]);
    const { options } = buildOptions({ deadLetterStore });

    const report = await deliverBatch(event, options);

    expect(deadLetterStore.writes).toBe(1);
    expect(report.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumber(0) }]);
  });

  it('dead-letters undecodable records with their raw data and decoder error code', async () => {
    const event = buildKinesisEvent([
      { data: encodeSubscriptionMessage(buildDataMessage('foo', ['a1'])) },
      { data: 'bm90IGd6aXA=', approximateArrivalTimestamp: 1_700_000_000_500 },
      { data: encodeSubscriptionMessage(buildDataMessage('bar', ['b1'])) },
    ]);
    const elasticsearch = createScriptedSink({ name: 'elasticsearch' });
    const { options, deadLetterStore, clock } = buildOptions({ sinks: [elasticsearch] });

    const report = await deliverBatch(event, options);

    expect(report.batchItemFailures).toEqual([]);
    expect(elasticsearch.calls.map((call) => call.ids)).toEqual([['a1', 'b1']]);
    expect(deadLetterStore.entries).toEqual([
      {
        kind: 'undecodable-record',
        data: 'bm90IGd6aXA=',
        shardId: 'shardId-000000000000',
        sequenceNumber: sequenceNumber(1),
        approximateArrivalTimestamp: 1_700_000_000_500,
        reason:
          'Invalid gzip data: the payload does not start with the gzip magic bytes 1f 8b. Expected one or more complete gzip members (RFC 1952); received 8 bytes starting 6e 6f 74 20 67 7a 69 70',
        errorType: 'invalid-gzip',
        failedAt: new Date(clock.now()).toISOString(),
      },
    ]);
    expect(report).toMatchObject({ undecodable: 1, deadLettered: 1, events: 2 });
  });

  it('skips control messages without sending anything for them', async () => {
    const event = buildKinesisEvent([
      { data: encodeSubscriptionMessage(controlMessage) },
      { data: encodeSubscriptionMessage(buildDataMessage('foo', ['a1'])) },
    ]);
    const elasticsearch = createScriptedSink({ name: 'elasticsearch' });
    const { options } = buildOptions({ sinks: [elasticsearch] });

    const report = await deliverBatch(event, options);

    expect(elasticsearch.calls.map((call) => call.ids)).toEqual([['a1']]);
    expect(report).toMatchObject({ controlMessages: 1, events: 1, batchItemFailures: [] });
  });

  it("skips and counts events from the function's own log group (log-loop guard)", async () => {
    const event = buildKinesisEvent([
      {
        data: encodeSubscriptionMessage(buildDataMessage('/aws/lambda/logferry', ['own1', 'own2'])),
      },
      { data: encodeSubscriptionMessage(buildDataMessage('foo', ['a1'])) },
    ]);
    const elasticsearch = createScriptedSink({ name: 'elasticsearch' });
    const { options } = buildOptions({
      sinks: [elasticsearch],
      ownLogGroup: '/aws/lambda/logferry',
    });

    const report = await deliverBatch(event, options);

    expect(elasticsearch.calls.map((call) => call.ids)).toEqual([['a1']]);
    expect(report).toMatchObject({ ownLogGroupEvents: 2, events: 1, batchItemFailures: [] });
  });

  it('makes no send call at all for a batch with nothing to deliver', async () => {
    const elasticsearch = createScriptedSink({ name: 'elasticsearch' });
    const { options } = buildOptions({ sinks: [elasticsearch] });

    const report = await deliverBatch(
      buildKinesisEvent([{ data: encodeSubscriptionMessage(controlMessage) }]),
      options,
    );

    expect(elasticsearch.calls).toEqual([]);
    expect(report.sinks[0]?.attempts).toBe(0);
  });

  it('passes every send an AbortSignal that fires at the delivery deadline', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      // Hangs until aborted, then reports its records retryable as the Sink contract asks.
      beforeSend: (_call, sendOptions) =>
        new Promise((resolve) => sendOptions?.signal?.addEventListener('abort', resolve)),
      decide: () => ({ status: 'retryable', reason: 'aborted' }),
    });
    const started = performance.now();
    const report = await deliverBatch(buildThreeRecordEvent(), {
      sinks: [elasticsearch],
      deadLetterStore: createMemoryDeadLetterStore(),
      decode: decodeSubscriptionMessage,
      getRemainingTimeInMillis: () => 400,
      safetyMarginMs: 300,
    });
    const elapsed = performance.now() - started;

    expect(elasticsearch.calls[0]?.signal?.aborted).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1_000);
    expect(report.batchItemFailures).toHaveLength(3);
  });

  it('gives up on a sink that ignores its abort signal once the dead-letter deadline passes', async () => {
    const elasticsearch = createScriptedSink({
      name: 'elasticsearch',
      beforeSend: () => new Promise(() => {}),
    });
    const started = performance.now();
    const report = await deliverBatch(buildThreeRecordEvent(), {
      sinks: [elasticsearch],
      deadLetterStore: createMemoryDeadLetterStore(),
      decode: decodeSubscriptionMessage,
      getRemainingTimeInMillis: () => 400,
      safetyMarginMs: 200,
    });

    // delivery deadline 200 ms, dead-letter deadline 400 − 200/5 = 360 ms
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(report.batchItemFailures).toHaveLength(3);
    expect(report.sinks[0]?.failure).toMatchObject({ name: 'SinkError', code: 'timeout' });
  });

  it('rejects an event that is not a Kinesis stream event with an invalid-event error', async () => {
    const { options } = buildOptions();
    const attempt = deliverBatch({ records: [] } as never, options);

    await expect(attempt).rejects.toBeInstanceOf(KinesisLambdaError);
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid-event',
      message: 'Expected a Kinesis stream event with a "Records" array; received {"records":[]}',
    });
  });

  describe('one sink that takes records on demand (sendSequence)', () => {
    function countingDecode() {
      const counter = { decoded: 0 };
      const decode = (data: string) => {
        counter.decoded += 1;
        return decodeSubscriptionMessage(data);
      };
      return { counter, decode };
    }

    it('decodes the batch only as the sink takes it, and delivers everything', async () => {
      const { counter, decode } = countingDecode();
      const decodedAtCall: number[] = [];
      const elasticsearch = createScriptedSink({
        name: 'elasticsearch',
        sequence: {},
        beforeSend: () => {
          decodedAtCall.push(counter.decoded);
        },
      });
      const { options, deadLetterStore } = buildOptions({ sinks: [elasticsearch], decode });

      const report = await deliverBatch(buildThreeRecordEvent(), options);

      expect(decodedAtCall).toEqual([0]);
      expect(counter.decoded).toBe(3);
      expect(elasticsearch.calls.map((call) => call.ids)).toEqual([
        ['a1', 'a2', 'b1', 'c1', 'c2', 'c3'],
      ]);
      expect(report).toMatchObject({ batchItemFailures: [], kinesisRecords: 3, events: 6 });
      expect(report.sinks[0]).toMatchObject({ delivered: 6, attempts: 1, handedBack: 0 });
      expect(deadLetterStore.writes).toBe(0);
    });

    it('retries with send, decoding again only the Kinesis records of what is left', async () => {
      const { counter, decode } = countingDecode();
      const elasticsearch = createScriptedSink({
        name: 'elasticsearch',
        sequence: {},
        decide: (record, attempt) =>
          record.id === 'c3' && attempt === 1
            ? { status: 'retryable', reason: '429' }
            : { status: 'delivered' },
      });
      const { options, clock } = buildOptions({ sinks: [elasticsearch], decode });

      const report = await deliverBatch(buildThreeRecordEvent(), options);

      expect(elasticsearch.calls.map((call) => call.ids)).toEqual([
        ['a1', 'a2', 'b1', 'c1', 'c2', 'c3'],
        ['c3'],
      ]);
      expect(counter.decoded).toBe(4); // three records, then baz's again
      expect(clock.sleeps).toHaveLength(1);
      expect(report.batchItemFailures).toEqual([]);
      expect(report.sinks[0]).toMatchObject({ delivered: 6, retried: 1, attempts: 2 });
    });

    it('treats the records a sink did not take as not sent, and sends them on retry', async () => {
      const elasticsearch = createScriptedSink({ name: 'elasticsearch', sequence: { take: 2 } });
      const { options } = buildOptions({ sinks: [elasticsearch] });

      const report = await deliverBatch(buildThreeRecordEvent(), options);

      expect(elasticsearch.calls.map((call) => call.ids)).toEqual([
        ['a1', 'a2'],
        ['b1', 'c1', 'c2', 'c3'],
      ]);
      expect(report.batchItemFailures).toEqual([]);
      expect(report.sinks[0]).toMatchObject({ delivered: 6, attempts: 2 });
    });

    it('dead-letters a rejected event with its whole record, decoded again', async () => {
      const elasticsearch = createScriptedSink({
        name: 'elasticsearch',
        sequence: {},
        decide: (record) =>
          record.id === 'b1'
            ? { status: 'rejected', reason: 'mapper_parsing_exception', httpStatus: 400 }
            : { status: 'delivered' },
      });
      const { options, deadLetterStore } = buildOptions({ sinks: [elasticsearch] });

      const report = await deliverBatch(buildThreeRecordEvent(), options);

      expect(deadLetterStore.entries).toEqual([
        expect.objectContaining({
          kind: 'rejected-record',
          sink: 'elasticsearch',
          reason: 'mapper_parsing_exception',
          record: expect.objectContaining({
            id: 'b1',
            logGroup: 'bar',
            message: expect.any(String),
            position: expect.objectContaining({ recordIndex: 1, eventIndex: 0 }),
          }),
        }),
      ]);
      expect(report).toMatchObject({ batchItemFailures: [], deadLettered: 1 });
    });

    it('hands back every record when the sink fails as a whole', async () => {
      const elasticsearch = createScriptedSink({
        name: 'elasticsearch',
        sequence: {},
        beforeSend: () => {
          throw new SinkError('403 Forbidden', { code: 'authentication', retryable: false });
        },
      });
      const { options } = buildOptions({ sinks: [elasticsearch] });

      const report = await deliverBatch(buildThreeRecordEvent(), options);

      expect(report.batchItemFailures).toHaveLength(3);
      expect(report.sinks[0]).toMatchObject({ delivered: 0, handedBack: 6, attempts: 1 });
      expect(report.sinks[0]?.failure).toMatchObject({ code: 'authentication' });
    });

    it('hands back everything when a sink reports outcomes for more records than it took', async () => {
      const scripted = createScriptedSink({ name: 'elasticsearch', sequence: { take: 2 } });
      const lying = {
        name: scripted.name,
        send: scripted.send,
        sendSequence: async (
          ...parameters: Parameters<NonNullable<typeof scripted.sendSequence>>
        ) => {
          const result = await (scripted.sendSequence as NonNullable<typeof scripted.sendSequence>)(
            ...parameters,
          );
          return { ...result, outcomes: [...result.outcomes, { status: 'delivered' as const }] };
        },
      };
      const { options } = buildOptions({ sinks: [lying] });

      const report = await deliverBatch(buildThreeRecordEvent(), options);

      expect(report.sinks[0]?.failure).toMatchObject({ code: 'outcome-count-mismatch' });
      expect(report.batchItemFailures).toHaveLength(3);
    });

    it('decodes once and uses send when there are several sinks', async () => {
      const { counter, decode } = countingDecode();
      const elasticsearch = createScriptedSink({ name: 'elasticsearch', sequence: { take: 1 } });
      const archive = createScriptedSink({ name: 'archive', sequence: { take: 1 } });
      const { options } = buildOptions({ sinks: [elasticsearch, archive], decode });

      const report = await deliverBatch(buildThreeRecordEvent(), options);

      // `take` only limits sendSequence: send got every record at once.
      expect(elasticsearch.calls.map((call) => call.ids.length)).toEqual([6]);
      expect(archive.calls.map((call) => call.ids.length)).toEqual([6]);
      expect(counter.decoded).toBe(3);
      expect(report.batchItemFailures).toEqual([]);
    });
  });
});
