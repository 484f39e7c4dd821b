import type { SinkRecord } from '@logferry/sink';
import { createElasticsearchSink } from '@logferry/sink-elasticsearch';
import { createS3Sink, listS3Objects, readArchiveObject } from '@logferry/sink-s3';
import { createTestRecords, startFakeElasticsearch } from '@logferry/sink-testkit';
import { afterAll, bench, describe } from 'vitest';
import { runReplay } from './run-replay';
import { startLocalS3 } from './test-support/start-local-s3';

// Read every case as a ratio to the baseline of its group, measured in the same run: absolute
// timings on 2 shared cores (s3rver, the fake cluster and the replay all in this one process) are
// noisy. Events/s = the group's event count × the case's hz.
const eventsPerKinesisRecord = 25;
// A real cluster is a network round trip away: the second group adds one to every _bulk request.
const latencyMs = 25;
const groups = {
  local: { events: 10_000, label: 'the fake Elasticsearch in this process' },
  remote: { events: 2_500, label: `the fake Elasticsearch, ${latencyMs} ms per _bulk request` },
} as const;
type Group = keyof typeof groups;

const s3 = await startLocalS3(['local', 'remote']);
const { bucket: _bucket, ...connection } = s3.connection('local');
const clusters = { local: await startFakeElasticsearch(), remote: await startFakeElasticsearch() };
clusters.remote.injectFault({ kind: 'delay', ms: latencyMs, times: Number.POSITIVE_INFINITY });
const sinks = {
  local: createElasticsearchSink({ url: clusters.local.url, auth: { type: 'none' } }),
  remote: createElasticsearchSink({ url: clusters.remote.url, auth: { type: 'none' } }),
};
for (const group of ['local', 'remote'] as const) {
  const records = createTestRecords(groups[group].events, {
    eventsPerKinesisRecord,
    largeMessageEvery: 50,
  });
  const written = await createS3Sink(s3.connection(group)).send(records);
  if (written.outcomes.some((outcome) => outcome.status !== 'delivered')) {
    throw new Error('the archive could not be written');
  }
}
const options = { time: 0, iterations: 3, warmupIterations: 1, warmupTime: 0 };

afterAll(async () => {
  await sinks.local.close();
  await sinks.remote.close();
  await clusters.local.close();
  await clusters.remote.close();
  await s3.close();
});

/** What a hand-written script does: list, read each object, send it, one at a time. */
async function replayWithLoop(group: Group): Promise<void> {
  let delivered = 0;
  for await (const object of listS3Objects({ ...connection, bucket: group, prefix: 'archive/' })) {
    const batch: SinkRecord[] = [];
    for await (const line of readArchiveObject({ ...connection, bucket: group, key: object.key })) {
      if (line.ok) batch.push(line.record);
    }
    const result = await sinks[group].send(batch);
    delivered += result.outcomes.filter((outcome) => outcome.status === 'delivered').length;
  }
  if (delivered !== groups[group].events) {
    throw new Error(`delivered ${delivered} of ${groups[group].events}`);
  }
}

async function replayWith(group: Group, concurrency: number): Promise<void> {
  const result = await runReplay({
    source: { bucket: group, prefix: 'archive' },
    mode: 'archive',
    filters: {},
    connection,
    sinks: [sinks[group]],
    concurrency,
  });
  if (result.tally.events.delivered !== groups[group].events) {
    throw new Error(`delivered ${result.tally.events.delivered} of ${groups[group].events}`);
  }
}

for (const group of ['local', 'remote'] as const) {
  const { events, label } = groups[group];
  describe(`replay ${events.toLocaleString('en')} archived events (${events / eventsPerKinesisRecord} objects) from s3rver into ${label}`, () => {
    bench(
      'baseline: a plain loop (list, read each object, send it, one at a time)',
      () => replayWithLoop(group),
      options,
    );
    bench('runReplay, --concurrency 1', () => replayWith(group, 1), options);
    bench('runReplay, --concurrency 4 (the default)', () => replayWith(group, 4), options);
    bench('runReplay, --concurrency 16', () => replayWith(group, 16), options);
  });
}
