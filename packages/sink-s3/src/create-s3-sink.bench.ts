import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { createTestRecords } from '@logferry/sink-testkit';
import { afterAll, bench, describe } from 'vitest';
import { createS3Sink } from './create-s3-sink';
import { packGzipParts } from './pack-gzip-parts';
import { planArchiveGroups } from './plan-archive-groups';
import { runWithConcurrency } from './run-with-concurrency';
import { s3rverCredentials, startS3rver } from './test-support/start-s3rver';

// Every case is read as a ratio to the baseline in its group, measured in the same run: absolute
// timings on 2 shared cores are noisy. Events/s = 25,000 × the case's hz.
const gzipAsync = promisify(gzip);
const eventCount = 25_000;
const eventsPerKinesisRecord = 25;
const records = createTestRecords(eventCount, { eventsPerKinesisRecord, largeMessageEvery: 50 });
const s3 = await startS3rver({ buckets: ['bench'] });
const connection = {
  bucket: 'bench',
  region: 'us-east-1',
  endpoint: s3.url,
  credentials: s3rverCredentials,
};
const sink = createS3Sink(connection);
const maxObjectBytes = 8 * 1024 * 1024;

// Busy log groups fill each subscription message with many more events.
const busyRecords = createTestRecords(eventCount, {
  seed: 2,
  eventsPerKinesisRecord: 250,
  largeMessageEvery: 50,
});

/** The objects the sink writes, compressed once up front, for the raw-PUT baseline. */
async function compressObjects(batch: typeof records, name: string) {
  const { groups } = await planArchiveGroups(batch, maxObjectBytes);
  return Promise.all(
    groups.map(async (group, index) => ({
      key: `raw/${name}/${index}.ndjson.gz`,
      body: await gzipAsync(Buffer.concat(group.events.map((event) => event.line))),
    })),
  );
}
const bodies = await compressObjects(records, 'small');
const busyBodies = await compressObjects(busyRecords, 'busy');
const options = { time: 0, iterations: 5, warmupIterations: 1, warmupTime: 0 };
const networkOptions = { time: 0, iterations: 3, warmupIterations: 1, warmupTime: 0 };

afterAll(async () => {
  await s3.close();
});

describe(`encode and compress ${eventCount.toLocaleString('en')} events (CPU only)`, () => {
  bench(
    'baseline: JSON.stringify every record, then one gzip of it all',
    async () => {
      await gzipAsync(records.map((record) => JSON.stringify(record)).join('\n'));
    },
    options,
  );
  bench(
    'sink: archive lines, group by Kinesis record, gzip each object',
    async () => {
      const { groups } = await planArchiveGroups(records, maxObjectBytes);
      await runWithConcurrency(
        groups.map((group) => async () => {
          await packGzipParts(
            group.events.map((event) => event.line),
            maxObjectBytes,
          );
        }),
        4,
      );
    },
    options,
  );
});

for (const [label, batch, objects] of [
  ['25 events per Kinesis record', records, bodies],
  ['250 events per Kinesis record', busyRecords, busyBodies],
] as const) {
  describe(`write ${eventCount.toLocaleString('en')} events to s3rver, ${label} (${objects.length} objects)`, () => {
    bench(
      'baseline: unsigned PUTs of the already-compressed objects, 4 at a time',
      async () => {
        await runWithConcurrency(
          objects.map(({ key, body }) => async () => {
            const response = await fetch(`${s3.url}/bench/${key}`, { method: 'PUT', body });
            await response.arrayBuffer();
            if (!response.ok) throw new Error(`PUT ${key} answered ${response.status}`);
          }),
          4,
        );
      },
      networkOptions,
    );
    bench(
      'createS3Sink().send: encode, gzip, sign and PUT, 4 at a time',
      async () => {
        const result = await sink.send(batch);
        if (result.outcomes.some((outcome) => outcome.status !== 'delivered')) {
          throw new Error('not every event was delivered');
        }
      },
      networkOptions,
    );
  });
}
