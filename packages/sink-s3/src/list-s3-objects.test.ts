import { beforeEach, describe, expect, it } from 'vitest';
import { deleteS3Object } from './delete-s3-object';
import { listS3Objects } from './list-s3-objects';
import { putRawObject } from './test-support/put-raw-object';
import { startRecordingServer } from './test-support/start-recording-server';
import { useS3rverBucket } from './test-support/use-s3rver-bucket';

const s3 = useS3rverBucket('list-test');

async function listKeys(
  options: Partial<Parameters<typeof listS3Objects>[0]> = {},
): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of listS3Objects({ ...s3.connection, ...options })) keys.push(object.key);
  return keys;
}

const keys = [
  'archive/log_group=%2Fa/dt=2024-06-01/hour=00/1.ndjson.gz',
  'archive/log_group=%2Fa/dt=2024-06-01/hour=01/2.ndjson.gz',
  'archive/log_group=%2Fa/dt=2024-06-02/hour=00/3.ndjson.gz',
  'archive/log_group=%2Fb/dt=2024-06-01/hour=00/4.ndjson.gz',
  'archive/log_group=%2Fb/dt=2024-06-01/hour=00/5.ndjson.gz',
  'dead-letter/kind=rejected-record/dt=2024-06-01/hour=00/6.ndjson.gz',
];

describe('listS3Objects', () => {
  beforeEach(async () => {
    for (const key of keys) await putRawObject(s3.connection, key, Buffer.from(key));
  });

  it('lists every key under a prefix, in order, following continuation tokens', async () => {
    expect(await listKeys({ prefix: 'archive/', pageSize: 2 })).toEqual(keys.slice(0, 5));
    expect(await listKeys({ pageSize: 1 })).toEqual(keys);
    expect(await listKeys({ prefix: 'archive/log_group=%2Fa/dt=2024-06-01/' })).toEqual(
      keys.slice(0, 2),
    );
    expect(await listKeys({ prefix: 'nothing/' })).toEqual([]);
  });

  it('reports size, ETag and last-modified time', async () => {
    const objects = [];
    for await (const object of listS3Objects({ ...s3.connection, prefix: keys[0] }))
      objects.push(object);
    expect(objects).toEqual([
      {
        key: keys[0],
        size: Buffer.byteLength(keys[0]!),
        etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it('resumes after startAfter', async () => {
    expect(await listKeys({ prefix: 'archive/', startAfter: keys[2] })).toEqual(keys.slice(3, 5));
  });

  it('throws the classified SinkError for a missing bucket, and invalid-options for a bad page size', async () => {
    await expect(listKeys({ bucket: 'missing-bucket' })).rejects.toMatchObject({
      code: 'configuration',
      httpStatus: 404,
      message: expect.stringContaining('S3 answered 404 NoSuchBucket'),
    });
    await expect(listKeys({ pageSize: 1001 })).rejects.toMatchObject({
      code: 'invalid-options',
      message: 'The "pageSize" option must be an integer from 1 to 1000; received number 1001.',
    });
  });
});

describe('listS3Objects against unexpected answers', () => {
  it.each([
    ['a 200 that is not a ListBucketResult', '<html>hello</html>', 'is not a ListBucketResult'],
    [
      'a truncated page without a continuation token',
      '<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>a</Key><Size>1</Size></Contents></ListBucketResult>',
      'with IsTruncated true but no NextContinuationToken, so the listing cannot continue',
    ],
  ])('throws a retryable invalid-response for %s', async (_, body, message) => {
    const server = await startRecordingServer(() => ({ status: 200, body }));
    try {
      await expect(listKeys({ endpoint: server.url })).rejects.toMatchObject({
        name: 'SinkError',
        code: 'invalid-response',
        retryable: true,
        message: expect.stringContaining(message),
      });
    } finally {
      await server.close();
    }
  });

  it('decodes XML entities in keys and common prefixes', async () => {
    const server = await startRecordingServer(() => ({
      status: 200,
      body: '<?xml version="1.0"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Contents><Key>a&amp;b &lt;c&gt;</Key><Size>3</Size><ETag>&quot;x&quot;</ETag></Contents><IsTruncated>false</IsTruncated></ListBucketResult>',
    }));
    try {
      const objects = [];
      for await (const object of listS3Objects({ ...s3.connection, endpoint: server.url }))
        objects.push(object);
      expect(objects).toEqual([{ key: 'a&b <c>', size: 3, etag: '"x"', lastModified: undefined }]);
    } finally {
      await server.close();
    }
  });
});

describe('deleteS3Object', () => {
  it('deletes an object, and succeeds for a key that does not exist', async () => {
    await putRawObject(s3.connection, 'dead-letter/x.ndjson.gz', Buffer.from('x'));
    await deleteS3Object({ ...s3.connection, key: 'dead-letter/x.ndjson.gz' });
    expect(await listKeys()).toEqual([]);
    await expect(
      deleteS3Object({ ...s3.connection, key: 'dead-letter/x.ndjson.gz' }),
    ).resolves.toBeUndefined();
  });

  it('throws the classified SinkError when S3 refuses', async () => {
    const server = await startRecordingServer(() => ({
      status: 403,
      body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
    }));
    try {
      await expect(
        deleteS3Object({ ...s3.connection, endpoint: server.url, key: 'x' }),
      ).rejects.toMatchObject({
        code: 'authentication',
        retryable: false,
        message:
          'S3 answered 403 AccessDenied ("Access Denied") to DELETE "x": the credentials are missing, expired, or not allowed to do this.',
      });
      expect(server.requests()[0]).toMatchObject({ method: 'DELETE', url: '/list-test/x' });
    } finally {
      await server.close();
    }
  });
});
