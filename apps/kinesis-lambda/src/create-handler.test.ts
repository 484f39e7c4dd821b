import { decodeSubscriptionMessage, encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { describe, expect, it } from 'vitest';
import { createHandler } from './create-handler';
import { buildDataMessage } from './testing/build-data-message';
import { buildKinesisEvent, firstTestSequenceNumber } from './testing/build-kinesis-event';
import { createFakeClock } from './testing/create-fake-clock';
import { createMemoryDeadLetterStore } from './testing/create-memory-dead-letter-store';
import { createScriptedSink } from './testing/create-scripted-sink';

const context = (remainingMs: number) => ({
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => remainingMs,
});

describe('createHandler', () => {
  it('answers with batchItemFailures and writes exactly one log line without message bodies', async () => {
    const lines: string[] = [];
    const clock = createFakeClock();
    const handler = createHandler({
      sinks: [
        createScriptedSink({
          name: 'elasticsearch',
          decide: (record) =>
            record.logGroup === 'bar'
              ? { status: 'retryable', reason: 'throttled', httpStatus: 429 }
              : { status: 'delivered' },
        }),
      ],
      deadLetterStore: createMemoryDeadLetterStore(),
      decode: decodeSubscriptionMessage,
      functionName: 'logferry',
      writeLog: (line) => lines.push(line),
      delivery: { now: clock.now, sleep: clock.sleep, random: () => 0.5 },
    });
    const event = buildKinesisEvent([
      {
        data: encodeSubscriptionMessage(
          buildDataMessage('foo', ['a1'], { message: () => 'ilikecats' }),
        ),
      },
      {
        data: encodeSubscriptionMessage(
          buildDataMessage('bar', ['b1'], { message: () => 'secret body' }),
        ),
      },
    ]);

    const response = await handler(event, context(8_000));

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: (firstTestSequenceNumber + 1n).toString() }],
    });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({
      FunctionName: 'logferry',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      Records: 2,
      Events: 2,
      Delivered: 1,
      HandedBack: 1,
    });
    expect(lines[0]).not.toContain('ilikecats');
    expect(lines[0]).not.toContain('secret body');
    // 8 s remaining − a margin capped at half of it: the retries stopped within 4 s
    expect(clock.sleeps.reduce((total, delay) => total + delay, 0)).toBeLessThan(4_000);
  });

  it('keeps no state between invocations', async () => {
    const lines: string[] = [];
    const handler = createHandler({
      sinks: [createScriptedSink({ name: 'archive' })],
      deadLetterStore: createMemoryDeadLetterStore(),
      decode: decodeSubscriptionMessage,
      writeLog: (line) => lines.push(line),
    });
    const event = buildKinesisEvent([
      { data: encodeSubscriptionMessage(buildDataMessage('foo', ['a1', 'a2'])) },
    ]);

    await handler(event, context(60_000));
    await handler(event, context(60_000));

    expect(lines.map((line) => JSON.parse(line).Delivered)).toEqual([2, 2]);
  });

  it('logs and rethrows when the event is not a Kinesis event, so Lambda retries it', async () => {
    const lines: string[] = [];
    const handler = createHandler({
      sinks: [createScriptedSink()],
      deadLetterStore: createMemoryDeadLetterStore(),
      decode: decodeSubscriptionMessage,
      writeLog: (line) => lines.push(line),
    });

    await expect(handler({} as never, context(60_000))).rejects.toMatchObject({
      code: 'invalid-event',
    });
    expect(JSON.parse(lines[0] as string)).toEqual({
      level: 'ERROR',
      message: 'logferry could not process the event',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      error: {
        name: 'KinesisLambdaError',
        code: 'invalid-event',
        message: 'Expected a Kinesis stream event with a "Records" array; received {}',
      },
    });
  });
});
