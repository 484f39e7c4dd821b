import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordOutcome, SinkError, type SinkRecord } from '@logferry/sink';
import { createS3Sink } from '@logferry/sink-s3';
import { createTestRecords } from '@logferry/sink-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReplay } from './run-replay';
import { createScriptedSink } from './test-support/create-scripted-sink';
import { type LocalS3, startLocalS3 } from './test-support/start-local-s3';

let s3: LocalS3;
let directory: string;
beforeEach(async () => {
  s3 = await startLocalS3(['logs']);
  directory = await mkdtemp(join(tmpdir(), 'logferry-run-replay-'));
});
afterEach(async () => {
  await s3.close();
  await rm(directory, { recursive: true, force: true });
});

const delivered: RecordOutcome = { status: 'delivered' };
const noWaiting = { sleep: async () => {}, random: () => 0 };

async function writeArchive(count: number, eventsPerKinesisRecord = 4): Promise<SinkRecord[]> {
  const records = createTestRecords(count, { eventsPerKinesisRecord });
  await createS3Sink(s3.connection('logs')).send(records);
  return records;
}

function connection() {
  const { bucket: _bucket, ...rest } = s3.connection('logs');
  return rest;
}

describe('runReplay', () => {
  it('keeps at most `concurrency` objects in flight', async () => {
    await writeArchive(40);
    let inFlight = 0;
    let most = 0;
    const slow = {
      name: 'elasticsearch',
      async send(records: readonly SinkRecord[]) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        return { outcomes: records.map(() => delivered), requests: 1, bytesSent: 1 };
      },
    };

    const result = await runReplay({
      source: { bucket: 'logs', prefix: 'archive' },
      mode: 'archive',
      filters: {},
      connection: connection(),
      sinks: [slow],
      concurrency: 3,
    });

    expect(result.tally.objects.completed).toBe(10);
    expect(most).toBe(3);
  });

  it('pulls objects from the listing only as workers free up (memory does not grow with the archive)', async () => {
    await writeArchive(40);
    const listedAtSend: number[] = [];
    let tallyListed = () => 0;
    const sink = {
      name: 'elasticsearch',
      async send(records: readonly SinkRecord[]) {
        listedAtSend.push(tallyListed());
        return { outcomes: records.map(() => delivered), requests: 1, bytesSent: 1 };
      },
    };

    await runReplay({
      source: { bucket: 'logs', prefix: 'archive' },
      mode: 'archive',
      filters: {},
      connection: connection(),
      sinks: [sink],
      concurrency: 2,
      onProgress: (tally) => {
        tallyListed = () => tally.objects.listed;
      },
    });

    // Two workers: when an object is sent, at most the two in flight have been taken from the listing.
    expect(listedAtSend).toHaveLength(10);
    for (const [index, listed] of listedAtSend.entries())
      expect(listed).toBeLessThanOrEqual(index + 2);
  });

  it('sends an object larger than batchSize in consecutive batches', async () => {
    const records = await writeArchive(10, 10);
    const sink = createScriptedSink('elasticsearch', () => delivered);

    await runReplay({
      source: { bucket: 'logs', prefix: 'archive' },
      mode: 'archive',
      filters: {},
      connection: connection(),
      sinks: [sink],
      batchSize: 4,
    });

    expect(sink.calls.map((call) => call.map((record) => record.id))).toEqual([
      records.slice(0, 4).map((record) => record.id),
      records.slice(4, 8).map((record) => record.id),
      records.slice(8, 10).map((record) => record.id),
    ]);
  });

  it('stops on a destination failing as a whole, and keeps the checkpoint of what was done', async () => {
    await writeArchive(20);
    const checkpointPath = join(directory, 'replay.json');
    const sink = createScriptedSink('elasticsearch', (_, attempt) =>
      attempt <= 2
        ? delivered
        : new SinkError('Elasticsearch answered 401 Unauthorized', {
            code: 'authentication',
            retryable: false,
          }),
    );

    const result = await runReplay({
      source: { bucket: 'logs', prefix: 'archive' },
      mode: 'archive',
      filters: {},
      connection: connection(),
      sinks: [sink],
      concurrency: 1,
      checkpointPath,
      policy: noWaiting,
    });

    expect(result.outcome).toBe('failed');
    expect(result.error).toMatchObject({
      code: 'sink-failed',
      message:
        'The elasticsearch sink failed as a whole (authentication): Elasticsearch answered 401 Unauthorized',
    });
    expect(sink.calls).toHaveLength(3);
    expect(result.tally.objects).toMatchObject({ completed: 2, incomplete: 0 });
    const checkpoint = JSON.parse(await readFile(checkpointPath, 'utf8'));
    expect(checkpoint).toMatchObject({ finished: false });
    expect(checkpoint.completedKeys).toHaveLength(2);
  });

  it('refuses a checkpoint of another source before sending anything', async () => {
    await writeArchive(4);
    const checkpointPath = join(directory, 'replay.json');
    const sink = createScriptedSink('elasticsearch', () => delivered);
    await runReplay({
      source: { bucket: 'logs', prefix: 'archive' },
      mode: 'archive',
      filters: {},
      connection: connection(),
      sinks: [sink],
      checkpointPath,
    });

    await expect(
      runReplay({
        source: { bucket: 'logs', prefix: 'dead-letter' },
        mode: 'dead-letters',
        filters: {},
        connection: connection(),
        sinks: [sink],
        checkpointPath,
      }),
    ).rejects.toMatchObject({ code: 'invalid-checkpoint' });
    expect(sink.calls).toHaveLength(1);
  });

  it('counts the objects and bytes to go when asked, for the ETA', async () => {
    await writeArchive(12);
    const sink = createScriptedSink('elasticsearch', () => delivered);
    const result = await runReplay({
      source: { bucket: 'logs', prefix: 'archive' },
      mode: 'archive',
      filters: {},
      connection: connection(),
      sinks: [sink],
      countTotals: true,
    });
    expect(result.tally.totals).toEqual({ objects: 3, bytes: result.tally.bytes });
  });
});
