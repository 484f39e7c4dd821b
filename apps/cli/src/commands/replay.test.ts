import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import type { DeadLetterEntry, SinkRecord } from '@logferry/sink';
import { createS3DeadLetterStore, createS3Sink, encodeArchiveLine } from '@logferry/sink-s3';
import {
  createTestRecords,
  type FakeElasticsearch,
  startFakeElasticsearch,
} from '@logferry/sink-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplaySummary } from '../replay/create-replay-summary';
import { listStoredKeys } from '../replay/test-support/list-stored-keys';
import { putRawObject } from '../replay/test-support/put-raw-object';
import { readStoredDeadLetters } from '../replay/test-support/read-stored-dead-letters';
import {
  type LocalS3,
  localS3Credentials,
  startLocalS3,
} from '../replay/test-support/start-local-s3';
import { createTestIo } from '../test-support';
import { type ReplayCommandContext, runReplayCommand } from './replay';

const hourMs = 3_600_000;
const june1 = Date.UTC(2024, 5, 1);
const failedAt = '2024-06-01T00:00:05.000Z';
/** No waiting between retries: the policy is under test elsewhere. */
const fastContext: ReplayCommandContext = {
  policy: { sleep: async () => {}, random: () => 0 },
  checkpointIntervalMs: 0,
};

let s3: LocalS3;
let elasticsearch: FakeElasticsearch;
let directory: string;

beforeEach(async () => {
  s3 = await startLocalS3(['logs', 'other']);
  elasticsearch = await startFakeElasticsearch();
  directory = await mkdtemp(join(tmpdir(), 'logferry-replay-test-'));
});
afterEach(async () => {
  await elasticsearch.close();
  await s3.close();
  await rm(directory, { recursive: true, force: true });
});

/**
 * Test records whose Kinesis records (4 events each, log groups cycling through 4) are one hour
 * apart from 2024-06-01T00:00Z, one second between the events of a record.
 */
function createHourlyRecords(count: number): SinkRecord[] {
  return createTestRecords(count).map((record, index) => ({
    ...record,
    timestamp: june1 + Math.floor(index / 4) * hourMs + (index % 4) * 1000,
  }));
}

async function writeArchive(records: readonly SinkRecord[]): Promise<void> {
  const result = await createS3Sink(s3.connection('logs')).send(records);
  expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
}

function environment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...s3.environment,
    LOGFERRY_ELASTICSEARCH_URL: elasticsearch.url,
    LOGFERRY_ELASTICSEARCH_AUTH: 'none',
    ...extra,
  };
}

async function replay(
  args: string[],
  options: {
    environment?: Record<string, string>;
    context?: ReplayCommandContext;
    signal?: AbortSignal;
  } = {},
) {
  const io = {
    ...createTestIo(),
    environment: options.environment ?? environment(),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const exitCode = await runReplayCommand(args, io, { ...fastContext, ...options.context });
  const stdout = io.stdoutText();
  return {
    exitCode,
    stdout,
    stderr: io.stderrText(),
    summary: (args.includes('--json') && stdout !== '' ? JSON.parse(stdout) : undefined) as
      | ReplaySummary
      | undefined,
  };
}

/** A fetch that records every ListObjectsV2 prefix and every _bulk request. */
function createRecordingFetch() {
  const listedPrefixes: string[] = [];
  const bulkRequests: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.searchParams.get('list-type') === '2') {
      listedPrefixes.push(url.searchParams.get('prefix') ?? '');
    }
    if (url.pathname.endsWith('/_bulk')) bulkRequests.push(url.pathname);
    return fetch(input, init);
  };
  return { recordingFetch, listedPrefixes, bulkRequests };
}

describe('logferry replay (archive → Elasticsearch)', () => {
  it('delivers every archived event exactly once, keyed by its CloudWatch id', async () => {
    const records = createHourlyRecords(40);
    await writeArchive(records);

    const { exitCode, summary, stderr } = await replay(['--from', 's3://logs/archive', '--json']);

    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(elasticsearch.storedIds().sort()).toEqual(records.map((record) => record.id).sort());
    expect(summary?.objects).toMatchObject({ listed: 10, completed: 10, incomplete: 0 });
    expect(summary?.events).toEqual({
      read: 40,
      filteredOut: 0,
      delivered: 40,
      deadLettered: 0,
      rejected: 0,
      unsettled: 0,
    });
    // The documents are the records as the Lambda would have indexed them.
    const stored = elasticsearch.documents().find((document) => document.id === records[5]?.id);
    expect(stored?.source.message).toBe(records[5]?.message);
    expect(stored?.index).toBe('cwl-2024.06.01');
  });

  it('draws progress on standard error when it is a terminal, and keeps standard output for the summary', async () => {
    await writeArchive(createHourlyRecords(8));
    const stderr: string[] = [];
    const io = {
      ...createTestIo(),
      stderr: { write: (text: string) => stderr.push(text), isTTY: true },
      environment: environment(),
    };

    const exitCode = await runReplayCommand(['--from', 's3://logs/archive'], io, fastContext);

    expect(exitCode).toBe(0);
    expect(stderr.length).toBeGreaterThanOrEqual(2);
    const erase = '\r\x1b[2K';
    expect(stderr[0]?.startsWith(erase)).toBe(true);
    expect(stderr[0]?.slice(erase.length)).toMatch(
      /^objects \d+\/\d+\+? · events \d+ · [\d.]+ (B|KiB) · [\d,]+ events\/s · [\d.]+ (B|KiB)\/s · ETA /,
    );
    expect(stderr.at(-1)).toBe('\r\x1b[2K');
    expect(io.stdoutText()).toMatch(
      /^logferry replay: archive s3:\/\/logs\/archive → elasticsearch: complete in /,
    );
    expect(io.stdoutText()).not.toContain(erase);
  });

  it('stores nothing twice when the same archive is replayed again', async () => {
    const records = createHourlyRecords(40);
    await writeArchive(records);
    expect((await replay(['--from', 's3://logs/archive'])).exitCode).toBe(0);
    const second = await replay(['--from', 's3://logs/archive', '--json']);

    expect(second.exitCode).toBe(0);
    expect(elasticsearch.storedIds()).toHaveLength(40);
    expect(new Set(elasticsearch.storedIds()).size).toBe(40);
    // Every create of the second run was answered 409, which counts as delivered.
    expect(elasticsearch.stats().duplicatesRejected).toBe(40);
    expect(second.summary?.events.delivered).toBe(40);
  });

  it('resumes an interrupted replay from the checkpoint without sending any event twice', async () => {
    const records = createHourlyRecords(40);
    await writeArchive(records);
    const checkpointPath = join(directory, 'replay.checkpoint.json');
    const interrupt = new AbortController();
    const { recordingFetch, bulkRequests } = createRecordingFetch();
    const counting: typeof fetch = async (input, init) => {
      const response = await recordingFetch(input, init);
      // Interrupt while the third object's batch is in flight.
      if (bulkRequests.length === 3) interrupt.abort();
      return response;
    };

    const first = await replay(
      [
        '--from',
        's3://logs/archive',
        '--concurrency',
        '1',
        '--checkpoint',
        checkpointPath,
        '--json',
      ],
      { signal: interrupt.signal, context: { fetch: counting } },
    );

    expect(first.exitCode).toBe(130);
    expect(first.summary?.outcome).toBe('interrupted');
    // The batch in flight was finished, and its object recorded.
    expect(first.summary?.objects.completed).toBe(3);
    expect(elasticsearch.storedIds()).toHaveLength(12);
    const checkpoint = JSON.parse(await readFile(checkpointPath, 'utf8'));
    expect(checkpoint).toMatchObject({
      version: 1,
      source: 's3://logs/archive',
      mode: 'archive',
      finished: false,
    });
    expect(checkpoint.completedKeys).toHaveLength(3);

    const second = await replay([
      '--from',
      's3://logs/archive',
      '--checkpoint',
      checkpointPath,
      '--json',
    ]);

    expect(second.exitCode).toBe(0);
    expect(second.summary?.objects).toMatchObject({ skippedCompleted: 3, completed: 7 });
    expect(elasticsearch.storedIds().sort()).toEqual(records.map((record) => record.id).sort());
    // Exactly once on the wire, not only in the index: nothing was re-sent.
    expect(elasticsearch.stats().duplicatesRejected).toBe(0);
    expect(JSON.parse(await readFile(checkpointPath, 'utf8'))).toMatchObject({ finished: true });
    expect(JSON.parse(await readFile(checkpointPath, 'utf8')).completedKeys).toHaveLength(10);
  });

  it('lists only the partitions the filters select and replays only the selected events', async () => {
    const records = createHourlyRecords(40);
    await writeArchive(records);
    const { recordingFetch, listedPrefixes } = createRecordingFetch();

    const { exitCode, summary } = await replay(
      [
        '--from',
        's3://logs/archive',
        '--log-group',
        '/aws/lambda/checkout-api',
        '--since',
        '2024-06-01T03:30:00Z',
        '--until',
        '2024-06-01T08:00:00Z',
        '--json',
      ],
      { context: { fetch: recordingFetch } },
    );

    const partition = (hour: string) =>
      `archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/hour=${hour}/`;
    const expectedPrefixes = ['03', '04', '05', '06', '07', '08'].map(partition);
    expect(listedPrefixes).toEqual(expectedPrefixes);
    expect(summary?.prefixes).toEqual(expectedPrefixes);
    // checkout-api records sit at hours 00, 04 and 08; 08:00:01–03 are after --until.
    const expected = [...records.slice(16, 20), records[32]].map((record) => record?.id);
    expect(elasticsearch.storedIds().sort()).toEqual(expected.sort());
    expect(summary?.events).toMatchObject({ read: 8, filteredOut: 3, delivered: 5 });
    expect(exitCode).toBe(0);
  });

  it('narrows a time filter without --log-group by the log groups S3 lists', async () => {
    const records = createHourlyRecords(40);
    await writeArchive(records);
    const { recordingFetch, listedPrefixes } = createRecordingFetch();
    // s3rver cannot list common prefixes of nested keys: answer the delimited listing the way
    // S3 documents it (ListObjectsV2 with delimiter=/), from the log groups written above.
    const withDelimiter: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.searchParams.get('delimiter') === '/') {
        listedPrefixes.push(`${url.searchParams.get('prefix')} (delimited)`);
        const groups = [...new Set(records.map((record) => record.logGroup))].sort();
        const prefixes = groups
          .map(
            (group) =>
              `<CommonPrefixes><Prefix>archive/log_group=${encodeURIComponent(group).replaceAll('.', '.')}/</Prefix></CommonPrefixes>`,
          )
          .join('');
        return new Response(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>logs</Name><Prefix>archive/log_group=</Prefix><KeyCount>${groups.length}</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>false</IsTruncated>${prefixes}</ListBucketResult>`,
          { status: 200, headers: { 'content-type': 'application/xml' } },
        );
      }
      return recordingFetch(input, init);
    };

    const { exitCode, summary } = await replay(
      [
        '--from',
        's3://logs/archive',
        '--since',
        '2024-06-01T02:00:00Z',
        '--until',
        '2024-06-01T03:59:59Z',
        '--json',
      ],
      { context: { fetch: withDelimiter } },
    );

    expect(listedPrefixes[0]).toBe('archive/log_group= (delimited)');
    // Four log groups × hours 02–03, and nothing else.
    expect(listedPrefixes).toHaveLength(1 + 8);
    expect(
      listedPrefixes.slice(1).every((prefix) => /\/dt=2024-06-01\/hour=0[23]\/$/.test(prefix)),
    ).toBe(true);
    expect(elasticsearch.storedIds().sort()).toEqual(
      records
        .slice(8, 16)
        .map((record) => record.id)
        .sort(),
    );
    expect(summary?.notes).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('lists every log group and skips other hours by key when S3 lists no log groups', async () => {
    const records = createHourlyRecords(40);
    await writeArchive(records);
    const { recordingFetch, listedPrefixes } = createRecordingFetch();

    const { exitCode, summary } = await replay(
      [
        '--from',
        's3://logs/archive',
        '--since',
        '2024-06-01T02:00:00Z',
        '--until',
        '2024-06-01T03:59:59Z',
        '--json',
      ],
      { context: { fetch: recordingFetch } },
    );

    expect(listedPrefixes).toEqual(['archive/log_group=', 'archive/log_group=']);
    expect(summary?.notes[0]).toContain('S3 listed no log groups');
    expect(summary?.objects).toMatchObject({ listed: 10, skippedOutOfRange: 8, completed: 2 });
    expect(elasticsearch.storedIds().sort()).toEqual(
      records
        .slice(8, 16)
        .map((record) => record.id)
        .sort(),
    );
    expect(exitCode).toBe(0);
  });

  it('reports malformed archive lines and still replays the other lines', async () => {
    const records = createHourlyRecords(8);
    await writeArchive(records);
    const key =
      'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/hour=00/planted.ndjson.gz';
    const good = createTestRecords(2, { offset: 100 });
    await putRawObject(
      s3,
      'logs',
      key,
      gzipSync(
        `${encodeArchiveLine(good[0] as SinkRecord)}\n{"id":"truncated\n${encodeArchiveLine(good[1] as SinkRecord)}\n`,
      ),
    );

    const { exitCode, stdout } = await replay(['--from', 's3://logs/archive']);

    expect(exitCode).toBe(1);
    expect(elasticsearch.storedIds().sort()).toEqual(
      [...records, ...good].map((record) => record.id).sort(),
    );
    expect(stdout).toContain('  malformed 1 line (listed below)\n');
    expect(stdout).toMatch(
      new RegExp(`\\n  malformed-line ${key.replaceAll('.', '\\.')}:2: .+\\n`),
    );
  });

  it('sends nothing on --dry-run, and counts what it would replay', async () => {
    const records = createHourlyRecords(40);
    await writeArchive(records);
    const checkpointPath = join(directory, 'dry.checkpoint.json');

    const { exitCode, summary } = await replay([
      '--from',
      's3://logs/archive',
      '--log-group',
      '/ecs/payments/worker',
      '--dry-run',
      '--checkpoint',
      checkpointPath,
      '--json',
    ]);

    expect(exitCode).toBe(0);
    expect(elasticsearch.requestCount()).toBe(0);
    expect(summary?.dryRun).toBe(true);
    expect(summary?.objects).toMatchObject({ listed: 3, completed: 3 });
    expect(summary?.events.read).toBe(12);
    await expect(readFile(checkpointPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes records a destination rejects to the dead-letter store', async () => {
    const records = createHourlyRecords(8);
    await writeArchive(records);
    const rejectedId = records[2]?.id;
    elasticsearch.failItems({
      match: (action) => action.id === rejectedId,
      status: 400,
      type: 'mapper_parsing_exception',
      reason: 'failed to parse field [status] of type [long]',
    });

    const { exitCode, summary } = await replay(['--from', 's3://logs/archive', '--json'], {
      environment: environment({ LOGFERRY_DEAD_LETTER_BUCKET: 'other' }),
      context: { now: () => Date.UTC(2024, 6, 1, 12) },
    });

    expect(exitCode).toBe(0);
    expect(summary?.events).toMatchObject({ delivered: 7, deadLettered: 1, rejected: 0 });
    const stored = await readStoredDeadLetters(s3.connection('other'), 'dead-letter/');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.key).toMatch(
      /^dead-letter\/kind=rejected-record\/dt=2024-07-01\/hour=12\/elasticsearch-/,
    );
    expect(stored[0]?.entries).toEqual([
      {
        kind: 'rejected-record',
        sink: 'elasticsearch',
        failedAt: '2024-07-01T12:00:00.000Z',
        reason: expect.stringContaining('failed to parse field [status] of type [long]'),
        errorType: 'mapper_parsing_exception',
        httpStatus: 400,
        record: records[2],
      },
    ]);
  });

  it('lists rejected records and exits 1 when no dead-letter store is configured', async () => {
    const records = createHourlyRecords(4);
    await writeArchive(records);
    elasticsearch.failItems({ match: (action) => action.id === records[1]?.id, status: 400 });
    const checkpointPath = join(directory, 'rejected.checkpoint.json');

    const { exitCode, stdout } = await replay([
      '--from',
      's3://logs/archive',
      '--checkpoint',
      checkpointPath,
    ]);

    expect(exitCode).toBe(1);
    expect(stdout).toContain('3 delivered, 0 dead-lettered, 1 rejected and not stored');
    expect(stdout).toContain(
      `  rejected archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/hour=00/`,
    );
    expect(stdout).toContain(`event ${records[1]?.id} in elasticsearch: `);
    // Not recorded as done: a later run (after fixing the mapping) sends it again.
    expect(JSON.parse(await readFile(checkpointPath, 'utf8')).completedKeys).toEqual([]);
  });

  it('retries retryable failures with backoff and gives up after --max-attempts', async () => {
    const records = createHourlyRecords(4);
    await writeArchive(records);
    elasticsearch.failItems({
      match: (action) => action.id === records[0]?.id,
      status: 429,
      times: 2,
    });
    elasticsearch.failItems({
      match: (action) => action.id === records[3]?.id,
      status: 503,
      times: 10,
    });
    const delays: number[] = [];

    const { exitCode, summary } = await replay(
      ['--from', 's3://logs/archive', '--max-attempts', '4', '--json'],
      {
        context: {
          policy: {
            random: () => 0.5,
            sleep: async (ms) => {
              delays.push(ms);
            },
          },
        },
      },
    );

    expect(delays).toEqual([50, 100, 200]);
    // Sends of 4, 2, 2 and 1 records: 5 re-sends.
    expect(summary?.sinks.elasticsearch).toMatchObject({ attempts: 4, retried: 2 + 2 + 1 });
    expect(summary?.events).toMatchObject({ delivered: 3, unsettled: 1 });
    expect(summary?.problems).toEqual([
      expect.objectContaining({
        kind: 'unsettled',
        eventId: records[3]?.id,
        sink: 'elasticsearch',
      }),
    ]);
    expect(exitCode).toBe(1);
  });
});

describe('logferry replay --dead-letters', () => {
  const drainTime = Date.UTC(2024, 5, 2, 10);
  const decodableEvents = [
    {
      id: '36990390990134150016227618181431330390633573838329300001',
      timestamp: june1 + 1,
      message: 'first',
    },
    {
      id: '36990390990134150016227618181431330390633573838329300002',
      timestamp: june1 + 2,
      message: 'second',
    },
  ];

  async function writeDeadLetters(records: readonly SinkRecord[]): Promise<DeadLetterEntry[]> {
    const entries: DeadLetterEntry[] = [
      ...records.slice(0, 2).map(
        (record): DeadLetterEntry => ({
          kind: 'rejected-record',
          record,
          sink: 'elasticsearch',
          reason: 'failed to parse field [status]',
          errorType: 'mapper_parsing_exception',
          httpStatus: 400,
          failedAt,
        }),
      ),
      {
        kind: 'rejected-record',
        record: records[2] as SinkRecord,
        sink: 'http',
        reason: 'HTTP intake answered 400',
        failedAt,
      },
      {
        kind: 'undecodable-record',
        // Valid data that an older decoder refused (a decoder bug, or a cap since raised).
        data: encodeSubscriptionMessage({
          messageType: 'DATA_MESSAGE',
          owner: '123456789012',
          logGroup: '/aws/lambda/decoded-now',
          logStream: 'stream-1',
          subscriptionFilters: ['logferry'],
          logEvents: decodableEvents,
        }),
        shardId: 'shardId-000000000000',
        sequenceNumber: '49590338271490256608559692538361571095921575989136500001',
        reason: 'The payload inflates to more than 1024 bytes',
        errorType: 'too-large',
        failedAt,
      },
      {
        kind: 'undecodable-record',
        data: 'bm90IGd6aXA=',
        shardId: 'shardId-000000000000',
        sequenceNumber: '49590338271490256608559692538361571095921575989136500002',
        reason: 'Invalid gzip data',
        errorType: 'invalid-gzip',
        failedAt,
      },
    ];
    await createS3DeadLetterStore(s3.connection('logs')).write(entries);
    return entries;
  }

  it('removes delivered entries and keeps those that fail again, with the new reason and time', async () => {
    const records = createTestRecords(3);
    const entries = await writeDeadLetters(records);
    const before = await listStoredKeys(s3.connection('logs'), 'dead-letter/');
    expect(before).toHaveLength(3);
    elasticsearch.failItems({
      match: (action) => action.id === records[1]?.id,
      status: 400,
      type: 'document_parsing_exception',
      reason: 'still cannot parse [status]',
    });

    const { exitCode, summary } = await replay(['--from', 's3://logs/dead-letter', '--json'], {
      context: { now: () => drainTime },
    });

    expect(summary?.mode).toBe('dead-letters');
    expect(elasticsearch.storedIds().sort()).toEqual(
      [records[0]?.id, ...decodableEvents.map((event) => event.id)].sort(),
    );
    expect(summary?.entries).toEqual({
      read: 5,
      removed: 2,
      failedAgain: 1,
      untouched: 1,
      redecoded: 1,
      stillUndecodable: 1,
      forOtherSinks: { http: 1 },
    });
    const after = await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/');
    const remaining = after.flatMap((object) => object.entries);
    expect(remaining).toHaveLength(3);
    expect(remaining).toContainEqual({
      kind: 'rejected-record',
      record: records[1],
      sink: 'elasticsearch',
      reason: expect.stringContaining('still cannot parse [status]'),
      errorType: 'document_parsing_exception',
      httpStatus: 400,
      failedAt: '2024-06-02T10:00:00.000Z',
    });
    // Not a destination of this run: left exactly as it was, in its object.
    const httpObject = after.find(
      (object) =>
        object.entries[0]?.kind === 'rejected-record' && object.entries[0].sink === 'http',
    );
    expect(httpObject?.entries).toEqual([entries[2]]);
    expect(before).toContain(httpObject?.key);
    expect(remaining).toContainEqual({
      ...entries[4],
      reason: expect.stringContaining('gzip'),
      errorType: 'invalid-gzip',
      failedAt: '2024-06-02T10:00:00.000Z',
    });
    // The drained objects were replaced (new failure time, new partition), not added to.
    expect(after.map((object) => object.key).filter((key) => before.includes(key))).toEqual([
      httpObject?.key,
    ]);
    expect(after.filter((object) => object.key.includes('/dt=2024-06-02/hour=10/'))).toHaveLength(
      2,
    );
    expect(summary?.objects).toMatchObject({ completed: 3, rewritten: 2, deleted: 0 });
    expect(exitCode).toBe(1);

    // Next drain: the cluster takes the record now; the broken payload stays broken.
    const second = await replay(['--from', 's3://logs/dead-letter', '--json'], {
      context: { now: () => drainTime + hourMs },
    });
    expect(second.summary?.entries).toMatchObject({
      removed: 1,
      stillUndecodable: 1,
      untouched: 1,
    });
    expect(elasticsearch.storedIds()).toHaveLength(4);
    const left = (await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/')).flatMap(
      (object) => object.entries,
    );
    expect(
      left.map((entry) => (entry.kind === 'rejected-record' ? entry.sink : entry.errorType)).sort(),
    ).toEqual(['http', 'invalid-gzip']);
  });

  it('drains only the selected log group with --log-group', async () => {
    await writeDeadLetters(createTestRecords(3));
    const before = await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/');

    const { exitCode, summary } = await replay(
      ['--from', 's3://logs/dead-letter', '--log-group', '/aws/lambda/decoded-now', '--json'],
      { context: { now: () => drainTime } },
    );

    expect(elasticsearch.storedIds().sort()).toEqual(
      decodableEvents.map((event) => event.id).sort(),
    );
    expect(summary?.entries).toMatchObject({
      read: 5,
      removed: 1,
      untouched: 4,
      failedAgain: 0,
      stillUndecodable: 0,
    });
    const after = await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/');
    // The undecodable object lost its decodable entry; the broken one stays exactly as it was.
    const beforeEntries = before.flatMap((object) => object.entries);
    const afterEntries = after.flatMap((object) => object.entries);
    expect(afterEntries).toHaveLength(4);
    expect(
      beforeEntries.filter(
        (entry) => !afterEntries.some((kept) => JSON.stringify(kept) === JSON.stringify(entry)),
      ),
    ).toEqual([expect.objectContaining({ kind: 'undecodable-record', errorType: 'too-large' })]);
    expect(exitCode).toBe(0);
  });

  it('writes the remaining entries before deleting the old object, and keeps it when that write fails', async () => {
    const records = createTestRecords(2);
    await createS3DeadLetterStore(s3.connection('logs')).write(
      records.map((record) => ({
        kind: 'rejected-record' as const,
        record,
        sink: 'elasticsearch',
        reason: 'mapping',
        failedAt,
      })),
    );
    const [oldKey] = await listStoredKeys(s3.connection('logs'), 'dead-letter/');
    elasticsearch.failItems({
      match: (action) => action.id === records[1]?.id,
      status: 400,
      times: 2,
    });
    const requests: string[] = [];
    let failPuts = true;
    const recording: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? 'GET';
      if (method === 'PUT' || method === 'DELETE')
        requests.push(`${method} ${decodeURIComponent(url.pathname)}`);
      if (method === 'PUT' && failPuts)
        return new Response('<Error><Code>InternalError</Code></Error>', { status: 500 });
      return fetch(input, init);
    };

    const failed = await replay(['--from', 's3://logs/dead-letter', '--json'], {
      context: { fetch: recording, now: () => drainTime },
    });

    // Three tries of the new object (the Lambda's dead-letter attempts), no DELETE.
    expect(requests.map((request) => request.split(' ')[0])).toEqual(['PUT', 'PUT', 'PUT']);
    expect(await listStoredKeys(s3.connection('logs'), 'dead-letter/')).toEqual([oldKey]);
    expect(failed.summary?.problems).toContainEqual(
      expect.objectContaining({ kind: 'dead-letter-write-failed', key: oldKey }),
    );
    expect(failed.summary?.objects.incomplete).toBe(1);
    expect(failed.exitCode).toBe(1);

    failPuts = false;
    requests.length = 0;
    const drained = await replay(['--from', 's3://logs/dead-letter', '--json'], {
      context: { fetch: recording, now: () => drainTime },
    });

    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(
      /^PUT \/logs\/dead-letter\/kind=rejected-record\/dt=2024-06-02\/hour=10\//,
    );
    expect(requests[1]).toBe(`DELETE /logs/${oldKey}`);
    const left = await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/');
    expect(
      left.map((object) =>
        object.entries.map((entry) => entry.kind === 'rejected-record' && entry.record.id),
      ),
    ).toEqual([[records[1]?.id]]);
    expect(drained.summary?.objects).toMatchObject({ rewritten: 1, incomplete: 0 });
  });

  it('deletes an object whose entries are all delivered', async () => {
    const records = createTestRecords(2);
    await createS3DeadLetterStore(s3.connection('logs')).write(
      records.map((record) => ({
        kind: 'rejected-record',
        record,
        sink: 'elasticsearch',
        reason: 'cluster was read-only',
        failedAt,
      })),
    );

    const { exitCode, summary } = await replay([
      '--dead-letters',
      '--from',
      's3://logs/dead-letter/',
      '--json',
    ]);

    expect(exitCode).toBe(0);
    expect(summary?.objects).toMatchObject({ completed: 1, deleted: 1 });
    expect(await listStoredKeys(s3.connection('logs'), '')).toEqual([]);
    expect(elasticsearch.storedIds().sort()).toEqual(records.map((record) => record.id).sort());
  });

  it('changes nothing on --dry-run', async () => {
    const records = createTestRecords(3);
    await writeDeadLetters(records);
    const before = await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/');

    const { exitCode, summary } = await replay([
      '--from',
      's3://logs/dead-letter',
      '--dry-run',
      '--json',
    ]);

    expect(elasticsearch.requestCount()).toBe(0);
    expect(await readStoredDeadLetters(s3.connection('logs'), 'dead-letter/')).toEqual(before);
    expect(summary?.entries).toMatchObject({
      read: 5,
      untouched: 1,
      redecoded: 1,
      stillUndecodable: 1,
    });
    expect(exitCode).toBe(1);
  });
});

describe('logferry replay (usage and configuration)', () => {
  it('exits 2 and names the variable for a misspelt setting', async () => {
    const { exitCode, stderr } = await replay(['--from', 's3://logs/archive'], {
      environment: environment({ LOGFERRY_ELASTICSEARCH_UR: 'http://127.0.0.1:1' }),
    });
    expect(exitCode).toBe(2);
    expect(stderr).toContain(
      "- LOGFERRY_ELASTICSEARCH_UR is not a logferry setting (did you mean LOGFERRY_ELASTICSEARCH_URL?); the known settings are listed by 'logferry replay --help'",
    );
  });

  it('exits 2 when no destination is configured', async () => {
    const { exitCode, stderr } = await replay(['--from', 's3://logs/archive'], {
      environment: s3.environment,
    });
    expect(exitCode).toBe(2);
    expect(stderr).toContain(
      'no destination is configured: set LOGFERRY_ELASTICSEARCH_URL or LOGFERRY_HTTP_URL',
    );
  });

  it('takes settings from a --config file, overridden by flags', async () => {
    const records = createHourlyRecords(4);
    await writeArchive(records);
    const configPath = join(directory, 'replay.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      configPath,
      JSON.stringify({
        LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:1',
        LOGFERRY_ELASTICSEARCH_AUTH: 'none',
        LOGFERRY_INDEX_TEMPLATE: 'replayed-{yyyy.MM}',
      }),
    );

    const { exitCode } = await replay(
      [
        '--from',
        's3://logs/archive',
        '--config',
        configPath,
        '--elasticsearch-url',
        elasticsearch.url,
      ],
      { environment: s3.environment },
    );

    expect(exitCode).toBe(0);
    expect(elasticsearch.documents().map((document) => document.index)).toEqual(
      Array(4).fill('replayed-2024.06'),
    );
  });

  it('detects a dead-letter store from its first object when the prefix does not say', async () => {
    const records = createTestRecords(1);
    await createS3DeadLetterStore({ ...s3.connection('logs'), prefix: 'failed' }).write([
      {
        kind: 'rejected-record',
        record: records[0] as SinkRecord,
        sink: 'elasticsearch',
        reason: 'x',
        failedAt,
      },
    ]);

    const { exitCode, summary } = await replay(['--from', 's3://logs/failed', '--json']);

    expect(summary?.mode).toBe('dead-letters');
    expect(summary?.entries?.removed).toBe(1);
    expect(exitCode).toBe(0);
  });

  it('fails with exit 1 and keeps credentials out of the output when S3 refuses the key', async () => {
    const { exitCode, stderr, stdout } = await replay(['--from', 's3://logs/archive'], {
      environment: environment({
        AWS_ACCESS_KEY_ID: 'AKIAWRONGKEY',
        AWS_SECRET_ACCESS_KEY: localS3Credentials.secretAccessKey,
      }),
    });
    expect(exitCode).toBe(1);
    expect(stderr).toBe(
      'logferry replay: Cannot list s3://logs/archive/log_group=: S3 answered 403 InvalidAccessKeyId ("The AWS Access Key Id you provided does not exist in our records.") to ListObjectsV2 of prefix "archive/log_group=": the credentials are missing, expired, or not allowed to do this.\n',
    );
    expect(stdout).toContain(': failed (source-failed) in ');
    expect(`${stdout}${stderr}`).not.toContain(localS3Credentials.secretAccessKey);
  });
});
