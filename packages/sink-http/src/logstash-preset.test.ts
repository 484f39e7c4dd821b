import { inspect } from 'node:util';
import { type FakeHttpIntakeOptions, startFakeHttpIntake } from '@logferry/sink-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSink } from './create-http-sink';
import type { LogstashSinkOptions } from './http-sink-options';
import { loadFixtureRecords } from './test-support';

const records = loadFixtureRecords('extracted-fields-message.decoded.json');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startLogstash(
  options: Omit<LogstashSinkOptions, 'preset' | 'url'>,
  intakeOptions: FakeHttpIntakeOptions = {},
  credentialsInUrl = '',
) {
  // The Logstash http input answers 200 "ok".
  const intake = await startFakeHttpIntake({ responseBody: 'ok', ...intakeOptions });
  const url = intake.url.replace('http://', `http://${credentialsInUrl}`);
  const sink = createHttpSink({ preset: 'logstash', url, ...options });
  cleanups.push(async () => {
    await sink.close?.();
    await intake.close();
  });
  return { intake, sink };
}

const expectedBody =
  '[{"@timestamp":"2023-11-14T22:13:21.000Z","message":"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \\"GET /apache_pb.gif HTTP/1.0\\" 200 1534","logGroup":"apache/access","logStream":"i-0a1b2c3d4e5f67890","owner":"123456789012","id":"35093963143971327215510178578576502306458824263506968576","extractedFields":{"ip":"127.0.0.1","user":"-","username":"frank","timestamp":"10/Oct/2000:13:25:15 -0700","request":"GET /apache_pb.gif HTTP/1.0","status_code":"200","bytes":"1534"}},' +
  '{"@timestamp":"2023-11-14T22:13:22.000Z","message":"10.0.0.7 - - [10/Oct/2000:13:25:16 -0700] \\"POST /login HTTP/1.1\\" 401 17","logGroup":"apache/access","logStream":"i-0a1b2c3d4e5f67890","owner":"123456789012","id":"35093963143971327215510178578576502306458824263506968577","extractedFields":{"ip":"10.0.0.7","user":"-","username":"-","timestamp":"10/Oct/2000:13:25:16 -0700","request":"POST /login HTTP/1.1","status_code":"401","bytes":"17"}}]';

describe("createHttpSink({ preset: 'logstash' })", () => {
  it('POSTs one gzipped JSON array with @timestamp and extracted fields, with basic auth', async () => {
    const password = 'l0gstash-Pa55word!';
    const { intake, sink } = await startLogstash({
      auth: { kind: 'basic', username: 'logferry', password },
    });

    const result = await sink.send(records);

    expect(result.outcomes).toEqual([{ status: 'delivered' }, { status: 'delivered' }]);
    const [request] = intake.requests();
    expect(request?.text).toBe(expectedBody);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      authorization: `Basic ${Buffer.from(`logferry:${password}`).toString('base64')}`,
    });
    expect(result.bytesSent).toBe(request?.rawBytes);
    expect(inspect(sink)).toContain("credentials: 'basic'");
    expect(inspect(sink)).not.toContain(password);
  });

  it('sends the ApiKey header of a Logit.io stack', async () => {
    const { intake, sink } = await startLogstash({
      auth: { kind: 'header', name: 'ApiKey', value: '6a1d0c4f-9b2e-4e7a-8c3d-5f0e1b2a3c4d' },
    });

    await sink.send(records);

    expect(intake.requests()[0]?.headers.apikey).toBe('6a1d0c4f-9b2e-4e7a-8c3d-5f0e1b2a3c4d');
    expect(inspect(sink)).toContain("credentials: 'header ApiKey'");
  });

  it('takes basic credentials from the URL', async () => {
    const { intake, sink } = await startLogstash({}, {}, 'logferry:s3cret@');

    await sink.send(records);

    expect(intake.requests()[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('logferry:s3cret').toString('base64')}`,
    );
  });

  it('reports the 429 the input answers when Logstash is backlogged as retryable', async () => {
    const { intake, sink } = await startLogstash({});
    intake.injectFault({ kind: 'status', status: 429, body: 'Too Many Requests' });

    const result = await sink.send(records);

    expect(result.outcomes[0]).toEqual({
      status: 'retryable',
      reason: `logstash intake ${intake.url}/ answered 429 Too Many Requests`,
      errorType: 'throttled',
      httpStatus: 429,
    });
  });

  it('rejects auth given together with credentials in the URL', () => {
    expect(() =>
      createHttpSink({
        preset: 'logstash',
        url: 'https://u:p@logstash.example.com:8080',
        auth: { kind: 'bearer', token: 'abc123' },
      }),
    ).toThrow(
      'createHttpSink: option auth must be absent when url carries user info (pick one); received "bearer"',
    );
  });
});
