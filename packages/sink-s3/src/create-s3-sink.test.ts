import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SinkError, type SinkRecord } from '@logferry/sink';
import { createTestRecords, type FaultProxy } from '@logferry/sink-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archivePartitionPrefixes } from './archive-partition-prefixes';
import { createS3Sink, type S3SinkOptions } from './create-s3-sink';
import { encodeArchiveLine } from './encode-archive-line';
import { listS3Objects } from './list-s3-objects';
import { createIncompressibleText } from './test-support/create-incompressible-text';
import { readStoredRecords } from './test-support/read-stored-records';
import { startRecordingServer } from './test-support/start-recording-server';
import { s3rverCredentials } from './test-support/start-s3rver';
import {
  type DirectS3Connection,
  startS3rverBehindProxy,
} from './test-support/start-s3rver-behind-proxy';

const bucket = 'archive-test';
let proxy: FaultProxy;
let direct: DirectS3Connection;
let stopS3: () => Promise<void>;

beforeEach(async () => {
  ({ proxy, direct, close: stopS3 } = await startS3rverBehindProxy(bucket));
});

afterEach(() => stopS3());

/** A sink that goes through the fault proxy; reads go straight to s3rver. */
function createSink(options: Partial<S3SinkOptions> = {}) {
  return createS3Sink({ ...direct, endpoint: proxy.url, timeoutMs: 2000, ...options });
}

async function listEtags(): Promise<Map<string, string | undefined>> {
  const etags = new Map<string, string | undefined>();
  for await (const object of listS3Objects(direct)) etags.set(object.key, object.etag);
  return etags;
}

function expectStoredOnce(stored: readonly SinkRecord[], expected: readonly SinkRecord[]): void {
  expect(stored.map((record) => record.id).sort()).toEqual(
    expected.map((record) => record.id).sort(),
  );
}

const checkoutApi = 'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/hour=00/';

describe('createS3Sink against s3rver', () => {
  it('archives every event once per Kinesis record, under partitioned keys, and reads them back', async () => {
    const records = createTestRecords(40);
    const sink = createSink();
    const result = await sink.send(records);

    expect(result.outcomes).toEqual(records.map(() => ({ status: 'delivered' })));
    expect(result.requests).toBe(10);
    expect(proxy.requestCount()).toBe(10);
    expect(result.bytesSent).toBeGreaterThan(proxy.stats().largestRequestBytes);

    // One partition: the checkout-api log group, hour 00 of 2024-06-01.
    const prefixes = archivePartitionPrefixes({
      logGroup: '/aws/lambda/checkout-api',
      since: Date.parse('2024-06-01T00:00:00Z'),
      until: Date.parse('2024-06-01T00:59:59Z'),
    });
    expect(prefixes).toEqual([checkoutApi]);
    const partition = await readStoredRecords(direct, checkoutApi);
    const expected = records.filter((record) => record.logGroup === '/aws/lambda/checkout-api');
    expect(partition.records).toEqual(expected);
    expect(partition.keys).toEqual(
      [0, 4, 8].map(
        (recordIndex) =>
          `${checkoutApi}shardId-000000000000-${expected[recordIndex]!.position.sequenceNumber}-0-3.ndjson.gz`,
      ),
    );
    const all = await readStoredRecords(direct);
    expect(all.keys).toHaveLength(10);
    expectStoredOnce(all.records, records);
  });

  it('stores exactly the NDJSON lines, gzip-compressed, so a re-send writes identical bytes', async () => {
    const records = createTestRecords(4, { seed: 3 });
    const server = await startRecordingServer();
    try {
      const sink = createS3Sink({ ...direct, endpoint: server.url });
      await sink.send(records);
      await sink.send([...records].reverse());
      const [first, second] = server.requests();
      const ndjson = `${records.map(encodeArchiveLine).join('\n')}\n`;
      expect(gunzipSync(first!.body).toString('utf8')).toBe(ndjson);
      expect(first!.body.equals(gzipSync(ndjson))).toBe(true);
      expect(second!.body.equals(first!.body)).toBe(true);
      expect(second!.url).toBe(first!.url);
    } finally {
      await server.close();
    }
  });

  it('overwrites the same objects when the same records come again, in any batch composition', async () => {
    const batch = createTestRecords(24, { seed: 5 });
    const sink = createSink();
    await sink.send(batch);
    const etags = await listEtags();
    expect(etags.size).toBe(6);

    const compositions: [string, SinkRecord[][]][] = [
      ['the same batch again', [batch]],
      ['in reverse order', [[...batch].reverse()]],
      ['bisected into halves of Kinesis records', [batch.slice(0, 12), batch.slice(12)]],
      [
        'one Kinesis record per send',
        Array.from({ length: 6 }, (_, index) => batch.slice(index * 4, index * 4 + 4)),
      ],
      [
        'a replay from Kinesis record 2 with new records after it',
        [[...batch.slice(8), ...createTestRecords(8, { seed: 5, offset: 24 })]],
      ],
    ];
    for (const [scenario, sends] of compositions) {
      for (const records of sends) {
        const result = await sink.send(records);
        expect(
          result.outcomes.every((outcome) => outcome.status === 'delivered'),
          scenario,
        ).toBe(true);
      }
    }
    const after = await listEtags();
    // The replay added two new Kinesis records; every earlier object kept its key and its bytes.
    expect(after.size).toBe(8);
    for (const [key, etag] of etags) expect(after.get(key), key).toBe(etag);
    expectStoredOnce((await readStoredRecords(direct)).records, createTestRecords(32, { seed: 5 }));
  });

  it('stores one copy of an event that appears twice in one batch', async () => {
    const records = createTestRecords(4, { seed: 6 });
    const result = await createSink().send([...records, records[1]!]);
    expect(result.outcomes).toHaveLength(5);
    expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    expectStoredOnce((await readStoredRecords(direct)).records, records);
  });

  it('splits a Kinesis record whose events cross an hour into one object per hour', async () => {
    const records = createTestRecords(4, { seed: 7 }).map((record, index) => ({
      ...record,
      timestamp: Date.parse('2024-06-01T00:59:59.998Z') + index,
    }));
    await createSink().send(records);
    const sequence = records[0]!.position.sequenceNumber;
    const stored = await readStoredRecords(direct);
    expect(stored.keys).toEqual([
      `${checkoutApi}shardId-000000000000-${sequence}-0-1.ndjson.gz`,
      `${checkoutApi.replace('hour=00', 'hour=01')}shardId-000000000000-${sequence}-2-3.ndjson.gz`,
    ]);
    expect(stored.records).toEqual(records);
  });

  it('splits a Kinesis record above maxObjectBytes into parts named by event range, each within the limit', async () => {
    const records = createTestRecords(8, { seed: 8 }).map((record, index) => ({
      ...record,
      message: createIncompressibleText(1500, `m-${index}`),
    }));
    const sink = createSink({ maxObjectBytes: 4096 });
    const result = await sink.send(records);
    expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    expect(proxy.stats().largestRequestBytes).toBeLessThanOrEqual(4096);
    const stored = await readStoredRecords(direct);
    expect(stored.keys.map((key) => key.replace(/^.*-(\d+-\d+)\.ndjson\.gz$/, '$1'))).toEqual([
      '0-1',
      '2-3',
      '0-1',
      '2-3',
    ]);
    expectStoredOnce(stored.records, records);
    // The same record again is split the same way: same keys, nothing added.
    await sink.send(records);
    expect((await readStoredRecords(direct)).keys).toEqual(stored.keys);
  });

  it('reports every event of a Kinesis record retryable when one of its parts fails, and a re-send repairs it', async () => {
    const records = createTestRecords(8, { seed: 9 }).map((record, index) => ({
      ...record,
      message: createIncompressibleText(1500, `p-${index}`),
    }));
    const failingRecord = records[4]!.position.sequenceNumber;
    proxy.injectFault({
      kind: 'status',
      status: 503,
      contentType: 'application/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      match: (request) => request.path.includes(`${failingRecord}-2-3.ndjson.gz`),
    });
    const sink = createSink({ maxObjectBytes: 4096, concurrency: 1 });
    const result = await sink.send(records);

    expect(result.outcomes.slice(0, 4)).toEqual(
      records.slice(0, 4).map(() => ({ status: 'delivered' })),
    );
    const failed = `PUT "archive/log_group=%2Fecs%2Fpayments%2Fworker/dt=2024-06-01/hour=00/shardId-000000000000-${failingRecord}-2-3.ndjson.gz"`;
    const reason = `S3 answered 503 SlowDown ("Please reduce your request rate.") to ${failed}`;
    expect(result.outcomes.slice(6)).toEqual([
      { status: 'retryable', reason, errorType: 'SlowDown', httpStatus: 503 },
      { status: 'retryable', reason, errorType: 'SlowDown', httpStatus: 503 },
    ]);
    for (const outcome of result.outcomes.slice(4, 6)) {
      expect(outcome).toEqual({
        status: 'retryable',
        reason: expect.stringMatching(
          /^Stored as archive\/log_group=%2Fecs%2Fpayments%2Fworker\/.*-0-1\.ndjson\.gz, but another object of the same Kinesis record failed \(S3 answered 503 SlowDown/,
        ),
        errorType: 'SlowDown',
      });
    }
    const retry = records.filter((_, index) => result.outcomes[index]!.status === 'retryable');
    const again = await sink.send(retry);
    expect(again.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    const stored = await readStoredRecords(direct);
    expect(stored.keys).toHaveLength(4);
    expectStoredOnce(stored.records, records);
  });

  it('rejects, without a request, events no object can hold, and delivers the others', async () => {
    const [valid, badTime, , huge, noPosition] = createTestRecords(5, {
      seed: 10,
      eventsPerKinesisRecord: 1,
    });
    const records: SinkRecord[] = [
      valid!,
      { ...badTime!, timestamp: Number.NaN },
      { ...valid!, id: 'x', timestamp: 8.64e15 },
      { ...huge!, message: createIncompressibleText(5000, 'huge') },
      { ...noPosition!, position: { ...noPosition!.position, sequenceNumber: '' } },
    ];
    const result = await createSink({ maxObjectBytes: 4096 }).send(records);
    expect(result.outcomes[0]).toEqual({ status: 'delivered' });
    expect(result.outcomes[1]).toEqual({
      status: 'rejected',
      reason:
        'The event timestamp must be epoch milliseconds between years 0000 and 9999 (it picks the archive partition); received number NaN',
      errorType: 'invalid-record',
    });
    expect(result.outcomes[2]).toMatchObject({ status: 'rejected', errorType: 'invalid-record' });
    expect(result.outcomes[3]).toEqual({
      status: 'rejected',
      reason: expect.stringMatching(
        /^The archive line of this event is \d+ bytes \(\d+ gzip-compressed\), above maxObjectBytes \(4096\): no object can hold it$/,
      ),
      errorType: 'too-large',
    });
    expect(result.outcomes[4]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining(
        "The record's position must have a non-empty shardId and sequenceNumber",
      ),
    });
    expect(result.requests).toBe(1);
    expect((await readStoredRecords(direct)).records).toEqual([valid]);
  });

  it("throws a non-retryable authentication SinkError for 403 AccessDenied, with S3's code in the message", async () => {
    proxy.injectFault({
      kind: 'status',
      status: 403,
      contentType: 'application/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>',
    });
    const error = await createSink({ concurrency: 1 })
      .send(createTestRecords(8, { seed: 11 }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({
      code: 'authentication',
      retryable: false,
      httpStatus: 403,
      sink: 's3',
    });
    expect((error as Error).message).toMatch(
      /^S3 answered 403 AccessDenied \("Access Denied"\) to PUT "archive\/.*\.ndjson\.gz": the credentials are missing, expired, or not allowed to do this\.$/,
    );
    // The first failure stops the rest: one request, not one per object.
    expect(proxy.requestCount()).toBe(1);
  });

  it('throws a non-retryable configuration SinkError when the bucket does not exist (real s3rver answer)', async () => {
    const error = await createSink({ bucket: 'no-such-bucket' })
      .send(createTestRecords(4, { seed: 12 }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'SinkError',
      code: 'configuration',
      retryable: false,
      httpStatus: 404,
    });
    expect((error as Error).message).toContain(
      'S3 answered 404 NoSuchBucket ("The specified bucket does not exist")',
    );
  });

  it('throws a configuration SinkError for a storage class S3 refuses (real s3rver answer)', async () => {
    const error = await createSink({ storageClass: 'SUPER_FAST' })
      .send(createTestRecords(4, { seed: 13 }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'configuration', retryable: false, httpStatus: 400 });
    expect((error as Error).message).toContain('InvalidStorageClass');
  });

  it('rejects the records of an object S3 refuses for its key, and delivers the rest', async () => {
    proxy.injectFault({
      kind: 'status',
      status: 400,
      contentType: 'application/xml',
      body: '<Error><Code>KeyTooLongError</Code><Message>Your key is too long</Message></Error>',
      match: (request) => request.path.includes('%252Fecs%252F'),
    });
    const records = createTestRecords(8, { seed: 14 });
    const result = await createSink().send(records);
    expect(result.outcomes.slice(0, 4)).toEqual(
      records.slice(0, 4).map(() => ({ status: 'delivered' })),
    );
    expect(result.outcomes[4]).toEqual({
      status: 'rejected',
      reason: expect.stringContaining('S3 answered 400 KeyTooLongError ("Your key is too long")'),
      errorType: 'KeyTooLongError',
      httpStatus: 400,
    });
  });

  it('throws aborted without a request when the signal has already aborted', async () => {
    const sink = createSink();
    await expect(
      sink.send(createTestRecords(4), { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'SinkError',
      code: 'aborted',
      retryable: true,
      message: 'send() was called with an already-aborted signal; none of the 4 records was sent.',
    });
    expect(proxy.requestCount()).toBe(0);
  });

  it('sends nothing when the signal aborts while the batch is being encoded', async () => {
    const controller = new AbortController();
    const sending = createSink().send(createTestRecords(8), { signal: controller.signal });
    controller.abort();
    const result = await sending;
    expect(result.requests).toBe(0);
    expect(result.outcomes).toEqual(
      Array.from({ length: 8 }, () => ({
        status: 'retryable',
        reason: "Not sent: the caller's signal aborted before this object was uploaded",
        errorType: 'aborted',
      })),
    );
    expect(proxy.requestCount()).toBe(0);
  });

  it('keeps what was stored and reports the rest retryable when the signal aborts mid-send', async () => {
    proxy.injectFault({
      kind: 'hang',
      match: (request) => proxy.requestCount() > 1 && request.method === 'PUT',
    });
    const controller = new AbortController();
    const sink = createSink({ concurrency: 1 });
    const records = createTestRecords(12, { seed: 15 });
    const sending = sink.send(records, { signal: controller.signal });
    await expect.poll(() => proxy.requestCount()).toBe(2);
    controller.abort();
    const result = await sending;
    expect(result.outcomes.slice(0, 4)).toEqual(
      records.slice(0, 4).map(() => ({ status: 'delivered' })),
    );
    expect(result.outcomes.slice(4, 8)).toEqual(
      records.slice(4, 8).map(() => ({
        status: 'retryable',
        reason: expect.stringMatching(/^PUT "archive\/.*" was aborted by the caller's signal\.$/),
        errorType: 'aborted',
      })),
    );
    expect(result.outcomes.slice(8)).toEqual(
      records.slice(8).map(() => ({
        status: 'retryable',
        reason: "Not sent: the caller's signal aborted before this object was uploaded",
        errorType: 'aborted',
      })),
    );
    expect(result.requests).toBe(2);
  });

  it('writes under a custom template and an empty prefix', async () => {
    const sink = createSink({
      prefix: '',
      keyTemplate:
        'raw/{yyyy}/{MM}/{dd}/{logGroup}/{sequenceNumber}-{firstEventIndex}-{lastEventIndex}-{shardId}.json.gz',
    });
    const records = createTestRecords(4, { seed: 16 });
    await sink.send(records);
    const stored = await readStoredRecords(direct);
    expect(stored.keys).toEqual([
      `raw/2024/06/01/%2Faws%2Flambda%2Fcheckout-api/${records[0]!.position.sequenceNumber}-0-3-shardId-000000000000.json.gz`,
    ]);
    expect(stored.records).toEqual(records);
  });

  it('makes no request for an empty batch', async () => {
    expect(await createSink().send([])).toEqual({ outcomes: [], requests: 0, bytesSent: 0 });
    expect(proxy.requestCount()).toBe(0);
  });
});

describe('createS3Sink checkHealth', () => {
  it('lists at most one key under the prefix and writes nothing', async () => {
    const server = await startRecordingServer(() => ({
      status: 200,
      body: '<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>',
    }));
    try {
      await createS3Sink({ ...direct, endpoint: server.url, prefix: 'logs/prod' }).checkHealth?.();
      expect(server.requests().map((request) => [request.method, request.url])).toEqual([
        ['GET', `/${bucket}?list-type=2&max-keys=1&prefix=logs%2Fprod%2F`],
      ]);
    } finally {
      await server.close();
    }
  });

  it('resolves against a healthy s3rver bucket that holds objects', async () => {
    const sink = createSink();
    await sink.send(createTestRecords(12));
    await expect(sink.checkHealth?.()).resolves.toBeUndefined();
  });

  it('throws configuration for a missing bucket and a retryable error for a 503', async () => {
    await expect(createSink({ bucket: 'missing-bucket' }).checkHealth?.()).rejects.toMatchObject({
      code: 'configuration',
      retryable: false,
      httpStatus: 404,
    });
    proxy.injectFault({ kind: 'status', status: 503 });
    await expect(createSink().checkHealth?.()).rejects.toMatchObject({
      code: 'server',
      retryable: true,
      httpStatus: 503,
    });
  });
});

describe('createS3Sink object headers', () => {
  it('sends SSE-KMS, bucket key, storage class, content type and encoding on every PUT', async () => {
    const server = await startRecordingServer();
    try {
      const sink = createS3Sink({
        ...direct,
        endpoint: server.url,
        serverSideEncryption: {
          kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          bucketKeyEnabled: true,
        },
        storageClass: 'STANDARD_IA',
      });
      await sink.send(createTestRecords(4));
      const [request] = server.requests();
      expect(request?.headers).toMatchObject({
        'content-type': 'application/x-ndjson',
        'content-encoding': 'gzip',
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id':
          'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'x-amz-server-side-encryption-bucket-key-enabled': 'true',
        'x-amz-storage-class': 'STANDARD_IA',
        'x-amz-content-sha256': createHash('sha256').update(request!.body).digest('hex'),
      });
      expect(request?.headers.authorization).toContain(
        'SignedHeaders=content-encoding;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-server-side-encryption;x-amz-server-side-encryption-aws-kms-key-id;x-amz-server-side-encryption-bucket-key-enabled;x-amz-storage-class,',
      );
    } finally {
      await server.close();
    }
  });

  it('sends aws:kms alone for an empty serverSideEncryption, and no SSE header without it', async () => {
    const server = await startRecordingServer();
    try {
      await createS3Sink({ ...direct, endpoint: server.url, serverSideEncryption: {} }).send(
        createTestRecords(4),
      );
      await createS3Sink({ ...direct, endpoint: server.url }).send(createTestRecords(4));
      const [withSse, without] = server.requests();
      expect(Object.keys(withSse!.headers).filter((name) => name.includes('encryption'))).toEqual([
        'x-amz-server-side-encryption',
      ]);
      expect(
        Object.keys(without!.headers).filter((name) => name.startsWith('x-amz-server-side')),
      ).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('createS3Sink options', () => {
  it.each([
    [
      { prefix: '/abs' },
      'The "prefix" option must not start with "/", contain "//", or have a "." or ".." segment',
    ],
    [{ prefix: 'a b' }, 'The "prefix" option may only contain'],
    [
      { keyTemplate: '{prefix}/{logGroup}.gz' },
      'The "keyTemplate" option must contain {shardId}, {sequenceNumber}, {firstEventIndex}, {lastEventIndex}',
    ],
    [
      { serverSideEncryption: 'aws:kms' },
      'The "serverSideEncryption" option must be an object { kmsKeyId?, bucketKeyEnabled? }; received "aws:kms".',
    ],
    [
      { serverSideEncryption: { kmsKeyId: 'bad key\n' } },
      'The "serverSideEncryption.kmsKeyId" option must be a KMS key id',
    ],
    [
      { serverSideEncryption: { bucketKeyEnabled: 'yes' } },
      'The "serverSideEncryption.bucketKeyEnabled" option must be a boolean',
    ],
    [{ storageClass: 'standard' }, 'The "storageClass" option must be an S3 storage class'],
    [
      { maxObjectBytes: 100 },
      'The "maxObjectBytes" option must be an integer number of bytes from 1024 to 5368709120',
    ],
    [
      { concurrency: 0 },
      'The "concurrency" option must be an integer from 1 to 64; received number 0.',
    ],
    [{ bucket: undefined }, 'The "bucket" option must be an S3 bucket name'],
  ])('rejects %j with invalid-options', (options, message) => {
    let error: unknown;
    try {
      createS3Sink({ ...direct, ...options } as S3SinkOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({ code: 'invalid-options', retryable: false, sink: 's3' });
    expect((error as Error).message).toContain(message);
  });

  it('shows where it writes, and no credentials, in util.inspect and JSON', () => {
    const sink = createS3Sink({ ...direct, serverSideEncryption: { kmsKeyId: 'alias/logs' } });
    const shown = `${inspect(sink, { depth: 10 })} ${JSON.stringify(sink)}`;
    expect(inspect(sink)).toMatch(/^S3Sink \{/);
    expect(shown).toContain(`bucket: '${bucket}'`);
    expect(shown).toContain('"keyTemplate":"{prefix}/log_group={logGroup}');
    for (const secret of [
      s3rverCredentials.secretAccessKey,
      s3rverCredentials.sessionToken,
      'alias/logs',
    ]) {
      expect(shown).not.toContain(secret);
    }
  });
});
