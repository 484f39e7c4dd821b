import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { SinkError } from '@logferry/sink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createS3Client } from './create-s3-client';
import { startHangingServer } from './test-support/start-hanging-server';
import { startRecordingServer } from './test-support/start-recording-server';
import { s3rverCredentials } from './test-support/start-s3rver';

afterEach(() => {
  vi.unstubAllEnvs();
});

function invalidOptionsMessage(options: unknown): string {
  try {
    createS3Client(options as never, 's3');
  } catch (error) {
    expect(error).toBeInstanceOf(SinkError);
    expect(error).toMatchObject({ code: 'invalid-options', retryable: false, sink: 's3' });
    return (error as Error).message;
  }
  throw new Error('expected createS3Client to throw');
}

describe('createS3Client', () => {
  it.each([
    [null, 'The "options" option must be an object; received null.'],
    [
      { bucket: 'ab', region: 'us-east-1' },
      'The "bucket" option must be an S3 bucket name (3-255 letters, digits, dots, hyphens or underscores); received "ab".',
    ],
    [
      { bucket: 'logs', region: 'us-east-1', endpoint: 'ftp://x' },
      'The "endpoint" option must be an http(s) origin',
    ],
    [
      { bucket: 'logs', region: 'us-east-1', endpoint: 'http://host/base' },
      'received "http://host/base"',
    ],
    [
      { bucket: 'logs', region: 'us-east-1', endpoint: 'not a url' },
      'The "endpoint" option must be an http(s) origin',
    ],
    [
      { bucket: 'logs', region: 'EU WEST' },
      'The "region" option must be an AWS region such as "eu-west-1"; received "EU WEST".',
    ],
    [
      { bucket: 'logs', region: 'us-east-1', forcePathStyle: 'yes' },
      'The "forcePathStyle" option must be a boolean; received "yes".',
    ],
    [
      { bucket: 'logs', region: 'us-east-1', timeoutMs: 0 },
      'The "timeoutMs" option must be an integer number of milliseconds from 1 to 600000; received number 0.',
    ],
    [
      { bucket: 'logs', region: 'us-east-1', fetch: 'fetch' },
      'The "fetch" option must be a fetch function; received "fetch".',
    ],
  ])('rejects %j', (options, message) => {
    expect(invalidOptionsMessage(options)).toContain(message);
  });

  it('never echoes an endpoint password', () => {
    const message = invalidOptionsMessage({
      bucket: 'logs',
      region: 'us-east-1',
      endpoint: 'http://user:hunter2-password@127.0.0.1:9000',
    });
    expect(message).not.toContain('hunter2');
    expect(message).toContain('received "http://127.0.0.1:9000"');
  });

  it('takes the region from the option, then the AWS endpoint, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_DEFAULT_REGION', 'ap-south-1');
    expect(createS3Client({ bucket: 'logs', region: 'us-west-2' }, 's3').region).toBe('us-west-2');
    expect(
      createS3Client({ bucket: 'logs', endpoint: 'https://s3.eu-north-1.amazonaws.com' }, 's3')
        .region,
    ).toBe('eu-north-1');
    expect(createS3Client({ bucket: 'logs', endpoint: 'http://127.0.0.1:9000' }, 's3').region).toBe(
      'eu-central-1',
    );
    vi.stubEnv('AWS_REGION', undefined);
    expect(createS3Client({ bucket: 'logs' }, 's3').region).toBe('ap-south-1');
    vi.stubEnv('AWS_DEFAULT_REGION', undefined);
    expect(invalidOptionsMessage({ bucket: 'logs' })).toBe(
      'The "region" option must be an AWS region such as "eu-west-1" (none was given, the endpoint names none, and AWS_REGION / AWS_DEFAULT_REGION are unset or invalid); received undefined.',
    );
  });

  it.each([
    [{ bucket: 'logs', region: 'eu-west-1' }, 'https://s3.eu-west-1.amazonaws.com', false],
    [{ bucket: 'logs', region: 'cn-north-1' }, 'https://s3.cn-north-1.amazonaws.com.cn', false],
    [{ bucket: 'my.logs', region: 'eu-west-1' }, 'https://s3.eu-west-1.amazonaws.com', true],
    [{ bucket: 'Logs_Old', region: 'us-east-1' }, 'https://s3.us-east-1.amazonaws.com', true],
    [
      { bucket: 'logs', region: 'us-east-1', endpoint: 'http://127.0.0.1:4568' },
      'http://127.0.0.1:4568',
      true,
    ],
    [
      { bucket: 'logs', region: 'us-east-1', endpoint: 'http://localhost:9000' },
      'http://localhost:9000',
      true,
    ],
    [
      { bucket: 'logs', region: 'us-east-1', endpoint: 'http://[::1]:9000' },
      'http://[::1]:9000',
      true,
    ],
    [
      { bucket: 'logs', region: 'us-east-1', endpoint: 'https://minio.internal' },
      'https://minio.internal',
      false,
    ],
    [
      {
        bucket: 'logs',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:4568',
        forcePathStyle: false,
      },
      'http://127.0.0.1:4568',
      false,
    ],
  ])('points %j at %s (path style: %s)', (options, endpoint, pathStyle) => {
    expect(createS3Client(options, 's3').describe()).toMatchObject({ endpoint, pathStyle });
  });

  it('signs each request for s3 and sends exactly the signed path, headers and body', async () => {
    const server = await startRecordingServer();
    try {
      const client = createS3Client(
        {
          bucket: 'logs',
          region: 'us-east-1',
          endpoint: server.url,
          credentials: s3rverCredentials,
        },
        's3',
      );
      const body = new TextEncoder().encode('{"a":1}\n');
      const response = await client.send({
        method: 'PUT',
        key: 'archive/log_group=%2Faws%2Fx/a.ndjson.gz',
        headers: { 'content-type': 'application/x-ndjson' },
        body,
      });
      expect(response.status).toBe(200);
      const [request] = server.requests();
      expect(request?.method).toBe('PUT');
      expect(request?.url).toBe('/logs/archive/log_group%3D%252Faws%252Fx/a.ndjson.gz');
      expect(request?.body.equals(Buffer.from(body))).toBe(true);
      expect(request?.headers['x-amz-content-sha256']).toBe(
        createHash('sha256').update(body).digest('hex'),
      );
      expect(request?.headers['x-amz-security-token']).toBe(s3rverCredentials.sessionToken);
      expect(request?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
      );
    } finally {
      await server.close();
    }
  });

  it('rejects with a retryable timeout when no answer comes within timeoutMs', async () => {
    const hanging = await startHangingServer();
    try {
      const client = createS3Client(
        {
          bucket: 'logs',
          region: 'us-east-1',
          endpoint: hanging.url,
          credentials: s3rverCredentials,
          timeoutMs: 200,
        },
        's3',
      );
      const started = Date.now();
      await expect(client.send({ method: 'GET', key: 'x' })).rejects.toMatchObject({
        name: 'SinkError',
        code: 'timeout',
        retryable: true,
        message: 'GET "x" got no complete answer within 200 ms (timeoutMs).',
      });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await hanging.close();
    }
  });

  it('rejects with aborted when the caller aborts, before or during the request', async () => {
    const hanging = await startHangingServer();
    try {
      const client = createS3Client(
        {
          bucket: 'logs',
          region: 'us-east-1',
          endpoint: hanging.url,
          credentials: s3rverCredentials,
        },
        's3',
      );
      await expect(
        client.send({ method: 'GET', key: 'x' }, AbortSignal.abort()),
      ).rejects.toMatchObject({
        code: 'aborted',
        retryable: true,
        message: 'GET "x" was not sent: the caller\'s signal had already aborted.',
      });
      await expect(
        client.send({ method: 'GET', key: 'x' }, AbortSignal.timeout(50)),
      ).rejects.toMatchObject({
        code: 'aborted',
        retryable: true,
        message: 'GET "x" was aborted by the caller\'s signal.',
      });
    } finally {
      await hanging.close();
    }
  });

  it('rejects with a retryable network error when nothing listens', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as { port: number };
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const client = createS3Client(
      {
        bucket: 'logs',
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: s3rverCredentials,
      },
      's3',
    );
    const error = await client.send({ method: 'GET', key: 'x' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect((error as Error).message).toMatch(
      /^GET "x" failed before S3 answered: fetch failed: .*ECONNREFUSED/,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('turns missing credentials into a non-retryable authentication error without sending', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    const fetchSpy = vi.fn<typeof fetch>();
    const client = createS3Client({ bucket: 'logs', region: 'us-east-1', fetch: fetchSpy }, 's3');
    const error = await client.send({ method: 'GET', key: 'x' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'SinkError', code: 'authentication', retryable: false });
    expect((error as Error).message).toMatch(/^GET "x" could not be signed: /);
    expect((error as Error).cause).toMatchObject({
      name: 'SigningError',
      code: 'missing-credentials',
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('stops waiting for a slow credentials provider at the timeout', async () => {
    const client = createS3Client(
      {
        bucket: 'logs',
        region: 'us-east-1',
        timeoutMs: 100,
        credentials: () => new Promise(() => {}),
      },
      's3',
    );
    await expect(client.send({ method: 'GET', key: 'x' })).rejects.toMatchObject({
      code: 'timeout',
    });
  });
});
