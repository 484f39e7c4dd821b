import { inspect } from 'node:util';
import { type DeadLetterEntry, SinkError } from '@logferry/sink';
import { createTestRecords, type FaultProxy } from '@logferry/sink-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createS3DeadLetterStore,
  type S3DeadLetterStoreOptions,
} from './create-s3-dead-letter-store';
import { deadLetterPartitionPrefixes } from './dead-letter-partition-prefixes';
import { listS3Objects } from './list-s3-objects';
import { readDeadLetterObject } from './read-dead-letter-object';
import { createIncompressibleText } from './test-support/create-incompressible-text';
import { startRecordingServer } from './test-support/start-recording-server';
import { s3rverCredentials } from './test-support/start-s3rver';
import {
  type DirectS3Connection,
  startS3rverBehindProxy,
} from './test-support/start-s3rver-behind-proxy';

const bucket = 'dead-letter-test';
let proxy: FaultProxy;
let direct: DirectS3Connection;
let stopS3: () => Promise<void>;

beforeEach(async () => {
  ({ proxy, direct, close: stopS3 } = await startS3rverBehindProxy(bucket));
});

afterEach(() => stopS3());

function createStore(options: Partial<S3DeadLetterStoreOptions> = {}) {
  return createS3DeadLetterStore({ ...direct, endpoint: proxy.url, timeoutMs: 2000, ...options });
}

const failedAt = '2024-06-01T00:10:00.000Z';
const records = createTestRecords(8, { seed: 21 });
const rejected: DeadLetterEntry[] = records.slice(0, 6).map((record, index) => ({
  kind: 'rejected-record',
  record,
  sink: index % 2 === 0 ? 'elasticsearch' : 'http',
  reason: `failed to parse field [status] (${index})`,
  errorType: 'mapper_parsing_exception',
  httpStatus: 400,
  failedAt,
}));
const undecodable: DeadLetterEntry[] = ['4959001', '4959002'].map((sequenceNumber) => ({
  kind: 'undecodable-record',
  data: Buffer.from(`not gzip ${sequenceNumber}`).toString('base64'),
  shardId: 'shardId-000000000001',
  sequenceNumber,
  approximateArrivalTimestamp: 1717200000150,
  reason: 'Expected gzip data; received 8 bytes starting 6e 6f 74 20',
  errorType: 'invalid-gzip',
  failedAt: '2024-06-01T01:00:00.000Z',
}));

async function readAll(
  prefix = '',
): Promise<{ keys: string[]; entries: DeadLetterEntry[]; etags: string[] }> {
  const keys: string[] = [];
  const etags: string[] = [];
  const entries: DeadLetterEntry[] = [];
  for await (const object of listS3Objects({ ...direct, prefix })) {
    keys.push(object.key);
    etags.push(object.etag ?? '');
    for await (const line of readDeadLetterObject({ ...direct, key: object.key })) {
      if (!line.ok) throw line.error;
      entries.push(line.entry);
    }
  }
  return { keys, entries, etags };
}

describe('createS3DeadLetterStore against s3rver', () => {
  it('writes both entry kinds under kind and failure-hour partitions and reads them back', async () => {
    await createStore().write([...rejected, ...undecodable]);
    const all = await readAll();
    expect(all.keys).toHaveLength(3);
    expect(all.keys[0]).toMatch(
      new RegExp(
        `^dead-letter/kind=rejected-record/dt=2024-06-01/hour=00/elasticsearch-shardId-000000000000-${records[0]!.position.sequenceNumber}-[0-9a-f]{16}\\.ndjson\\.gz$`,
      ),
    );
    expect(all.keys[1]).toMatch(
      /^dead-letter\/kind=rejected-record\/dt=2024-06-01\/hour=00\/http-shardId-000000000000-\d+-[0-9a-f]{16}\.ndjson\.gz$/,
    );
    expect(all.keys[2]).toMatch(
      /^dead-letter\/kind=undecodable-record\/dt=2024-06-01\/hour=01\/decoder-shardId-000000000001-4959001-[0-9a-f]{16}\.ndjson\.gz$/,
    );
    expect(all.entries).toEqual([
      rejected[0],
      rejected[2],
      rejected[4],
      rejected[1],
      rejected[3],
      rejected[5],
      ...undecodable,
    ]);

    const [undecodablePrefix] = deadLetterPartitionPrefixes({
      kind: 'undecodable-record',
      since: Date.parse('2024-06-01T01:00:00Z'),
      until: Date.parse('2024-06-01T01:30:00Z'),
    });
    expect(undecodablePrefix).toBe('dead-letter/kind=undecodable-record/dt=2024-06-01/hour=01/');
    expect((await readAll(undecodablePrefix)).entries).toEqual(undecodable);
  });

  it('overwrites the same objects when the same entries are written again, in any order', async () => {
    const store = createStore();
    await store.write([...rejected, ...undecodable]);
    const first = await readAll();
    await store.write([...undecodable, ...rejected].reverse());
    await store.write([...rejected, ...rejected, ...undecodable]);
    const again = await readAll();
    expect(again.keys).toEqual(first.keys);
    expect(again.etags).toEqual(first.etags);
    expect(again.entries).toHaveLength(8);
  });

  it('partitions by the hour each entry failed', async () => {
    const late = rejected.map((entry) => ({ ...entry, failedAt: '2024-06-02T23:59:59.999Z' }));
    await createStore().write([rejected[0]!, late[1]!]);
    expect((await readAll()).keys.map((key) => key.split('/').slice(1, 4).join('/'))).toEqual([
      'kind=rejected-record/dt=2024-06-01/hour=00',
      'kind=rejected-record/dt=2024-06-02/hour=23',
    ]);
  });

  it('packs entries up to maxObjectBytes, and writes an entry larger than that alone rather than dropping it', async () => {
    const big = rejected.map((entry) =>
      entry.kind === 'rejected-record'
        ? {
            ...entry,
            sink: 'elasticsearch',
            record: { ...entry.record, message: createIncompressibleText(3000, entry.record.id) },
          }
        : entry,
    );
    await createStore({ maxObjectBytes: 1024 }).write(big);
    const all = await readAll();
    expect(all.keys).toHaveLength(6);
    // Objects list in key order, and keys end in a digest: compare as sets.
    const byId = (entry: DeadLetterEntry) =>
      entry.kind === 'rejected-record' ? entry.record.id : '';
    expect([...all.entries].sort((a, b) => byId(a).localeCompare(byId(b)))).toEqual(
      [...big].sort((a, b) => byId(a).localeCompare(byId(b))),
    );
    expect(proxy.stats().largestRequestBytes).toBeGreaterThan(1024);
  });

  it('makes no request for no entries', async () => {
    await createStore().write([]);
    expect(proxy.requestCount()).toBe(0);
  });

  it('throws a retryable SinkError when S3 answers 503, and a retry stores everything once', async () => {
    proxy.injectFault({
      kind: 'status',
      status: 503,
      contentType: 'application/xml',
      body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
    });
    const store = createStore({ concurrency: 1 });
    const error = await store
      .write([...rejected, ...undecodable])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({
      code: 'throttled',
      retryable: true,
      httpStatus: 503,
      sink: 's3-dead-letter',
    });
    expect((error as Error).message).toMatch(
      /^S3 answered 503 SlowDown \("Please reduce your request rate\."\) to PUT "dead-letter\//,
    );
    // The first failure stops the other uploads.
    expect(proxy.requestCount()).toBe(1);
    await store.write([...rejected, ...undecodable]);
    expect((await readAll()).entries).toHaveLength(8);
  });

  it('throws a non-retryable authentication SinkError for 403, and a retryable one for a reset', async () => {
    proxy.injectFault({ kind: 'status', status: 403 });
    await expect(createStore().write(undecodable)).rejects.toMatchObject({
      code: 'authentication',
      retryable: false,
      httpStatus: 403,
    });
    proxy.injectFault({ kind: 'reset' });
    await expect(createStore().write(undecodable.slice(0, 1))).rejects.toMatchObject({
      code: 'network',
      retryable: true,
    });
  });

  it('throws aborted without a request for an aborted signal', async () => {
    await expect(
      createStore().write(undecodable, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'aborted',
      retryable: true,
      message:
        'write() was called with an already-aborted signal; none of the 2 entries was written.',
    });
    expect(proxy.requestCount()).toBe(0);
  });

  it('refuses entries it cannot place, naming the entry, without writing any', async () => {
    const bad = { ...undecodable[0]!, failedAt: 'yesterday' };
    await expect(createStore().write([undecodable[1]!, bad])).rejects.toMatchObject({
      name: 'SinkError',
      code: 'invalid-options',
      retryable: false,
      message:
        'Cannot write dead letters: entry 1 needs failedAt as an ISO-8601 time (it picks the dt=/hour= partition); received "yesterday".',
    });
    await expect(createStore().write([{ kind: 'other' } as never])).rejects.toThrow(
      "entry 0 has kind \"other\"; it must be 'rejected-record' or 'undecodable-record'",
    );
    expect(proxy.requestCount()).toBe(0);
  });

  it('sends the SSE-KMS and storage class headers', async () => {
    const server = await startRecordingServer();
    try {
      await createS3DeadLetterStore({
        ...direct,
        endpoint: server.url,
        serverSideEncryption: { kmsKeyId: 'alias/dead-letters' },
        storageClass: 'STANDARD_IA',
      }).write(undecodable.slice(0, 1));
      expect(server.requests()[0]?.headers).toMatchObject({
        'content-encoding': 'gzip',
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': 'alias/dead-letters',
        'x-amz-storage-class': 'STANDARD_IA',
      });
    } finally {
      await server.close();
    }
  });

  it('validates its options and shows no credentials', () => {
    expect(() => createS3DeadLetterStore({ ...direct, prefix: '../x' })).toThrow(
      'The "prefix" option must not start with "/", contain "//", or have a "." or ".." segment',
    );
    const store = createStore();
    const shown = `${inspect(store)} ${JSON.stringify(store)}`;
    expect(shown).toMatch(/^S3DeadLetterStore \{/);
    expect(shown).toContain("prefix: 'dead-letter'");
    expect(shown).not.toContain(s3rverCredentials.secretAccessKey);
    expect(shown).not.toContain(s3rverCredentials.sessionToken);
  });
});
