import type { KinesisStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollLikeEventSourceMapping } from './poll-like-event-source-mapping';
import { type LocalKinesis, startKinesalite } from './start-kinesalite';

const labels = (event: KinesisStreamEvent) =>
  event.Records.map((record) => Buffer.from(record.kinesis.data, 'base64').toString());

describe('pollLikeEventSourceMapping', () => {
  let kinesis: LocalKinesis;
  let streamCount = 0;

  async function createStreamWith(count: number): Promise<string> {
    streamCount += 1;
    const name = `poller-${streamCount}`;
    await kinesis.createStream(name);
    await kinesis.putRecords(
      name,
      Array.from({ length: count }, (_, index) => ({
        data: Buffer.from(`r${index}`),
        partitionKey: 'p',
      })),
    );
    return name;
  }

  beforeAll(async () => {
    kinesis = await startKinesalite();
  });
  afterAll(async () => {
    await kinesis.close();
  });

  it('builds real-shaped events in batches and checkpoints at the lowest reported failure', async () => {
    const streamName = await createStreamWith(10);
    const invocations: string[][] = [];
    let first: KinesisStreamEvent | undefined;

    const report = await pollLikeEventSourceMapping({
      client: kinesis.client,
      streamName,
      batchSize: 10,
      handler: async (event) => {
        first ??= event;
        invocations.push(labels(event));
        if (invocations.length > 1) return { batchItemFailures: [] };
        const failed = [event.Records[6], event.Records[3]];
        return {
          batchItemFailures: failed.map((record) => ({
            itemIdentifier: record?.kinesis.sequenceNumber ?? '',
          })),
        };
      },
    });

    expect(invocations).toEqual([
      ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'],
      ['r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'],
    ]);
    const record = first?.Records[0];
    expect(record?.eventID).toBe(`shardId-000000000000:${record?.kinesis.sequenceNumber}`);
    expect(record).toMatchObject({
      eventSource: 'aws:kinesis',
      eventName: 'aws:kinesis:record',
      kinesis: { kinesisSchemaVersion: '1.0', partitionKey: 'p' },
    });
    expect(typeof record?.kinesis.approximateArrivalTimestamp).toBe('number');
    expect(report).toMatchObject({
      invocations: 2,
      recordsRead: 10,
      partialFailures: 1,
      discarded: [],
    });
  });

  it('bisects on function errors and discards a poison record after the retry quota', async () => {
    const streamName = await createStreamWith(8);
    const invocations: string[][] = [];

    const report = await pollLikeEventSourceMapping({
      client: kinesis.client,
      streamName,
      batchSize: 8,
      maximumRetryAttempts: 2,
      handler: async (event) => {
        invocations.push(labels(event));
        if (labels(event).includes('r5')) throw new Error('poison');
        return { batchItemFailures: [] };
      },
    });

    expect(invocations).toEqual([
      ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'],
      ['r0', 'r1', 'r2', 'r3'],
      ['r4', 'r5', 'r6', 'r7'],
      ['r4', 'r5'],
      ['r4'],
      ['r5'],
      ['r5'],
      ['r5'],
      ['r6', 'r7'],
    ]);
    expect(report.discarded).toEqual([
      expect.objectContaining({
        size: 1,
        reason: 'function-error',
        shardId: 'shardId-000000000000',
      }),
    ]);
  });

  it('treats an invocation running past the function timeout as a function error', async () => {
    const streamName = await createStreamWith(1);
    let calls = 0;

    const report = await pollLikeEventSourceMapping({
      client: kinesis.client,
      streamName,
      functionTimeoutMs: 50,
      maximumRetryAttempts: 1,
      handler: async () => {
        calls += 1;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 200));
        return { batchItemFailures: [] };
      },
    });

    expect(report).toMatchObject({ invocations: 2, functionErrors: 1, discarded: [] });
  });
});
