import { createGzip, gzipSync } from 'node:zlib';
import { encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLogEvents } from './testing/generate-log-events';
import {
  type LocalPipeline,
  type LocalPipelineOptions,
  startLocalPipeline,
} from './testing/start-local-pipeline';

const recordsPerRun = 12;
const eventsPerRecord = 50;

/** CloudWatch-style records: one gzip subscription message per record, log groups foo/bar/baz. */
function buildRecords(): { records: { data: Uint8Array; partitionKey: string }[]; ids: string[] } {
  const events = generateLogEvents({
    count: recordsPerRun * eventsPerRecord,
    seed: 99,
    startTimestamp: Date.now() - 60_000,
  });
  const records = [];
  for (let index = 0; index < recordsPerRun; index += 1) {
    const logGroup = ['foo', 'bar', 'baz'][index % 3] as string;
    const logStream = `stream-${index}`;
    const data = encodeSubscriptionMessage({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup,
      logStream,
      subscriptionFilters: ['logferry'],
      logEvents: events.slice(index * eventsPerRecord, (index + 1) * eventsPerRecord),
    });
    records.push({ data: Buffer.from(data, 'base64'), partitionKey: `${logGroup}/${logStream}` });
  }
  return { records, ids: events.map((event) => event.id) };
}

/** 64 MiB of zeros gzip to ~64 KB: a Kinesis-sized record the decoder must refuse quickly. */
async function buildGzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < 64; index += 1) gzip.write(zeros);
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

interface Scenario {
  readonly name: string;
  /**
   * Elasticsearch as the only sink: the handler then decodes the batch on demand
   * (`sendSequence`) instead of holding it whole.
   */
  readonly elasticsearchOnly?: boolean;
  readonly options?: LocalPipelineOptions;
  /** Records that are not valid subscription messages, added after the good ones. */
  readonly badRecords?: () => Promise<Buffer[]> | Buffer[];
  /**
   * Scripts the faults; returns the ids Elasticsearch rejects permanently and how many
   * whole-request faults must have been applied (so a fault that never fires fails the test).
   */
  readonly inject?: (
    pipeline: LocalPipeline,
    ids: readonly string[],
  ) => { readonly rejected?: readonly string[]; readonly faults?: number };
  /** Scenario-specific proof that the fault really happened. */
  readonly verify?: (pipeline: LocalPipeline, row: Row) => void;
}

// The sink adds a query string (`/_bulk?filter_path=…`), so match on the path part only.
const bulkOnly = (request: { path: string }) =>
  request.path.split('?', 1)[0]?.endsWith('/_bulk') === true;

const scenarios: readonly Scenario[] = [
  { name: 'no faults' },
  {
    name: '429 storm',
    inject: (pipeline) => {
      pipeline.elasticsearch.injectFault({
        kind: 'status',
        status: 429,
        times: 3,
        match: bulkOnly,
      });
      pipeline.elasticsearch.failItems({ status: 429, times: 900 });
      return { faults: 3 };
    },
  },
  {
    name: '5xx (503 JSON, 502 HTML, item 500s)',
    inject: (pipeline) => {
      pipeline.elasticsearch.injectFault({
        kind: 'status',
        status: 503,
        times: 2,
        match: bulkOnly,
      });
      pipeline.elasticsearch.injectFault({
        kind: 'status',
        status: 502,
        times: 2,
        match: bulkOnly,
      });
      pipeline.elasticsearch.failItems({ status: 500, times: 120 });
      return { faults: 4 };
    },
  },
  {
    name: '413 (request limit 6 KB)',
    options: { elasticsearch: { maxRequestBytes: 6_000 } },
    verify: (pipeline) => {
      // 413s are answered before the fake handles a request: requests it received but did not
      // record are the refused ones, and each of them was larger than the limit.
      const stats = pipeline.elasticsearch.stats();
      expect(stats.requests - pipeline.elasticsearch.requests().length).toBeGreaterThan(0);
      expect(stats.largestRequestBytes).toBeGreaterThan(6_000);
    },
  },
  {
    name: 'timeouts (hung requests)',
    inject: (pipeline) => {
      pipeline.elasticsearch.injectFault({ kind: 'hang', times: 2, match: bulkOnly });
      return { faults: 2 };
    },
  },
  {
    name: 'connection resets and lost responses',
    inject: (pipeline) => {
      pipeline.elasticsearch.injectFault({ kind: 'reset', times: 2, match: bulkOnly });
      pipeline.elasticsearch.injectFault({ kind: 'lost-response', times: 2, match: bulkOnly });
      return { faults: 4 };
    },
  },
  {
    name: 'per-item mapping errors',
    inject: (pipeline, ids) => {
      const rejected = new Set(ids.filter((_, index) => index % 83 === 5));
      pipeline.elasticsearch.failItems({
        match: (action) => action.id !== undefined && rejected.has(action.id),
        status: 400,
        type: 'mapper_parsing_exception',
        reason: 'failed to parse field [http.status] of type [long]',
        times: Number.POSITIVE_INFINITY,
      });
      return { rejected: [...rejected] };
    },
  },
  {
    name: 'undecodable records',
    badRecords: () => [
      Buffer.from('this is not gzip'),
      gzipSync('{"messageType":"DATA_MESSAGE", truncated'),
      gzipSync(JSON.stringify({ messageType: 'DATA_MESSAGE', logGroup: 'foo' })),
    ],
  },
  { name: 'gzip bomb (64 MiB of zeros)', badRecords: async () => [await buildGzipBomb()] },
  {
    name: 'deadline expires mid-batch',
    options: { functionTimeoutMs: 1_500, safetyMarginMs: 500, requestTimeoutMs: 5_000 },
    inject: (pipeline) => {
      // The first bulk request outlives the 1 s delivery deadline; the fake stores it late.
      pipeline.elasticsearch.injectFault({ kind: 'delay', ms: 1_400, times: 1, match: bulkOnly });
      return { faults: 1 };
    },
    verify: (_pipeline, row) => {
      expect(row.handedBack).toBeGreaterThan(0);
      expect(row.invocations).toBeGreaterThan(1);
    },
  },
  {
    name: 'S3 archive 503 SlowDown and resets',
    inject: (pipeline) => {
      const archivePut = (request: { method: string; path: string }) =>
        request.method === 'PUT' && request.path.includes('/archive/');
      pipeline.s3Proxy.injectFault({
        kind: 'status',
        status: 503,
        times: 3,
        match: archivePut,
        contentType: 'application/xml',
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      });
      pipeline.s3Proxy.injectFault({ kind: 'reset', times: 2, match: archivePut });
      return { faults: 5 };
    },
  },
  {
    name: 'dead-letter store down for a while',
    inject: (pipeline, ids) => {
      pipeline.s3Proxy.injectFault({
        kind: 'status',
        status: 500,
        times: 4,
        match: (request) => request.method === 'PUT' && request.path.includes('/dead-letter/'),
      });
      const rejected = new Set([ids[3], ids[250], ids[599]] as string[]);
      pipeline.elasticsearch.failItems({
        match: (action) => action.id !== undefined && rejected.has(action.id),
        status: 400,
        times: Number.POSITIVE_INFINITY,
      });
      return { rejected: [...rejected], faults: 4 };
    },
  },
  {
    name: 'Elasticsearch only, decoded on demand: 429s, a hang, mapping errors',
    elasticsearchOnly: true,
    options: { requestTimeoutMs: 300 },
    inject: (pipeline, ids) => {
      pipeline.elasticsearch.injectFault({
        kind: 'status',
        status: 429,
        times: 2,
        match: bulkOnly,
      });
      pipeline.elasticsearch.injectFault({ kind: 'hang', times: 1, match: bulkOnly });
      const rejected = new Set([ids[7], ids[421]] as string[]);
      pipeline.elasticsearch.failItems({
        match: (action) => action.id !== undefined && rejected.has(action.id),
        status: 400,
        times: Number.POSITIVE_INFINITY,
      });
      pipeline.elasticsearch.failItems({ status: 429, times: 300 });
      return { rejected: [...rejected], faults: 3 };
    },
  },
];

interface Row {
  readonly scenario: string;
  readonly events: number;
  readonly invocations: number;
  readonly retried: number;
  readonly handedBack: number;
  readonly esDocuments: number;
  readonly archived: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  readonly injectedPermanent: number;
  readonly faults: number;
  readonly lost: number;
}

const rows: Row[] = [];

describe('the pipeline end to end (kinesalite → poller → handler → fake Elasticsearch + s3rver)', () => {
  afterAll(() => {
    const header = [
      'scenario',
      'events',
      'request faults',
      'invocations',
      'retried',
      'handed back',
      'ES docs',
      'archived',
      'duplicates',
      'dead-lettered',
      'injected permanent',
      'lost',
    ];
    const lines = [
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map(
        (row) =>
          `| ${[row.scenario, row.events, row.faults, row.invocations, row.retried, row.handedBack, row.esDocuments, row.archived, row.duplicates, row.deadLettered, row.injectedPermanent, row.lost].join(' | ')} |`,
      ),
    ];
    console.log(`\nFault matrix\n${lines.join('\n')}\n`);
  });

  for (const scenario of scenarios) {
    it(`loses nothing, duplicates nothing and dead-letters exactly the permanent failures: ${scenario.name}`, async () => {
      const pipeline = await startLocalPipeline(
        scenario.elasticsearchOnly === true
          ? {
              ...scenario.options,
              environment: {
                LOGFERRY_ARCHIVE_BUCKET: '',
                LOGFERRY_DEAD_LETTER_BUCKET: 'logferry-e2e',
              },
            }
          : scenario.options,
      );
      try {
        const { records, ids } = buildRecords();
        const bad = (await scenario.badRecords?.()) ?? [];
        const injected = scenario.inject?.(pipeline, ids) ?? {};
        const rejected = new Set(injected.rejected ?? []);
        await pipeline.putRecords([
          ...records,
          ...bad.map((data, index) => ({ data, partitionKey: `bad-${index}` })),
        ]);

        const report = await pipeline.run();
        const bucket = await pipeline.readBucket();

        const stored = pipeline.elasticsearch.storedIds();
        const storedSet = new Set(stored);
        const archivedIds = bucket.archived.map((record) => record.id);
        const archivedSet = new Set(archivedIds);
        const rejectedEntries = new Set(
          bucket.deadLetters.flatMap((entry) =>
            entry.kind === 'rejected-record' ? [`${entry.sink}:${entry.record.id}`] : [],
          ),
        );
        const undecodable = new Set(
          bucket.deadLetters.flatMap((entry) =>
            entry.kind === 'undecodable-record' ? [entry.sequenceNumber] : [],
          ),
        );
        const archiving = scenario.elasticsearchOnly !== true;
        const lost = ids.filter(
          (id) =>
            (archiving && !archivedSet.has(id)) ||
            (!storedSet.has(id) &&
              !(rejected.has(id) && rejectedEntries.has(`elasticsearch:${id}`))),
        ).length;
        const sum = (name: string) =>
          pipeline.logLines.reduce(
            (total, line) => total + ((line[name] as number | undefined) ?? 0),
            0,
          );
        const row: Row = {
          scenario: scenario.name,
          events: ids.length,
          invocations: report.invocations,
          retried: sum('Retried'),
          handedBack: sum('HandedBack'),
          esDocuments: stored.length,
          archived: archivedIds.length,
          duplicates: stored.length - storedSet.size + (archivedIds.length - archivedSet.size),
          deadLettered: rejectedEntries.size + undecodable.size,
          injectedPermanent: rejected.size + bad.length,
          faults:
            pipeline.elasticsearch.stats().faultsApplied + pipeline.s3Proxy.stats().faultsApplied,
          lost,
        };
        rows.push(row);
        scenario.verify?.(pipeline, row);

        expect(
          pipeline.elasticsearch.stats().faultsApplied + pipeline.s3Proxy.stats().faultsApplied,
        ).toBe(injected.faults ?? 0);
        expect(report.discarded).toEqual([]);
        expect(lost).toBe(0);
        expect(stored.length).toBe(storedSet.size);
        expect(archivedIds.length).toBe(archivedSet.size);
        expect([...storedSet].sort()).toEqual(ids.filter((id) => !rejected.has(id)).sort());
        expect([...archivedSet].sort()).toEqual(archiving ? [...ids].sort() : []);
        expect([...rejectedEntries].sort()).toEqual(
          [...rejected].map((id) => `elasticsearch:${id}`).sort(),
        );
        expect(undecodable.size).toBe(bad.length);
      } finally {
        await pipeline.close();
      }
    }, 30_000);
  }
});
