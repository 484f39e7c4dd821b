import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isSinkError, type SinkRecord } from '@logferry/sink';
import {
  createTestRecords,
  type FakeHttpIntake,
  type FakeHttpIntakeOptions,
  startFakeHttpIntake,
} from '@logferry/sink-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSink } from './create-http-sink';
import type { GenericHttpSinkOptions } from './http-sink-options';
import { loadFixtureRecords, parseIntakeEvents } from './test-support';

const records = loadFixtureRecords('lambda-and-ecs-messages.decoded.json');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startIntake(options: FakeHttpIntakeOptions = {}): Promise<FakeHttpIntake> {
  const intake = await startFakeHttpIntake(options);
  cleanups.push(() => intake.close());
  return intake;
}

function createSink(options: GenericHttpSinkOptions) {
  const sink = createHttpSink(options);
  cleanups.push(() => sink.close?.() ?? Promise.resolve());
  return sink;
}

/** The exact NDJSON line of the default event of fixture record 0, 1 and 6. */
const line0 =
  '{"timestamp":"2023-11-14T22:13:19.001Z","message":"START RequestId: 8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f Version: $LATEST\\n","logGroup":"/aws/lambda/checkout","logStream":"2023/11/14/[$LATEST]6f1c8a2b9d0e4f7a8b3c2d1e0f9a8b7c","owner":"123456789012","id":"37890412339876543210987654321098765432109876543210123456"}';
const line6 =
  '{"timestamp":"2023-11-14T22:13:20.501Z","message":"payment authorised: 支払い完了 ✅","logGroup":"/ecs/payments","logStream":"payments/app/0d9e8f7a6b5c4d3e","owner":"123456789012","id":"37890412339876543210987654321098765432109876543210200002"}';

describe('createHttpSink (generic)', () => {
  it('POSTs one NDJSON body with the default events, exact bytes and headers, when the batch fits', async () => {
    const intake = await startIntake();
    const sink = createSink({
      url: `${intake.url}/ingest?source=cloudwatch`,
      auth: { kind: 'bearer', token: 'T0ken-for-tests' },
      headers: { 'X-Environment': 'test' },
    });

    const result = await sink.send([records[0]!, records[6]!]);

    expect(result).toEqual({
      outcomes: [{ status: 'delivered' }, { status: 'delivered' }],
      requests: 1,
      bytesSent: Buffer.byteLength(`${line0}\n${line6}\n`),
    });
    const [request] = intake.requests();
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/ingest?source=cloudwatch');
    expect(request?.text).toBe(`${line0}\n${line6}\n`);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/x-ndjson',
      'content-length': String(Buffer.byteLength(`${line0}\n${line6}\n`)),
      authorization: 'Bearer T0ken-for-tests',
      'x-environment': 'test',
      'user-agent': 'logferry-sink-http',
    });
    expect(request?.headers['content-encoding']).toBeUndefined();
  });

  it('PUTs a JSON array with content-type application/json when format is json-array', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url, format: 'json-array', method: 'PUT' });

    await sink.send([records[0]!, records[6]!]);

    const [request] = intake.requests();
    expect(request?.method).toBe('PUT');
    expect(request?.text).toBe(`[${line0},${line6}]`);
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('gzips the body, sets content-encoding and counts compressed bytes when compression is gzip', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url, compression: 'gzip' });

    const result = await sink.send(records);

    const [request] = intake.requests();
    expect(request?.headers['content-encoding']).toBe('gzip');
    expect(request?.rawBytes).toBeLessThan(request?.body.length ?? 0);
    expect(result.bytesSent).toBe(request?.rawBytes);
    expect(parseIntakeEvents(request!).map((event) => event.id)).toEqual(
      records.map((record) => record.id),
    );
  });

  it('sends the body uncompressed when gzip would make it larger', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url, compression: 'gzip', toEvent: () => ({ a: 1 }) });

    const result = await sink.send([records[0]!]);

    const [request] = intake.requests();
    expect(request?.headers['content-encoding']).toBeUndefined();
    expect(request?.text).toBe('{"a":1}\n');
    expect(result.bytesSent).toBe(8);
  });

  it('uses a custom toEvent and contentType', async () => {
    const intake = await startIntake();
    const sink = createSink({
      url: intake.url,
      contentType: 'application/json; charset=utf-8',
      toEvent: (record) => ({ id: record.id, line: record.message.trim() }),
    });

    await sink.send([records[3]!]);

    const [request] = intake.requests();
    expect(request?.text).toBe(
      '{"id":"37890412339876543210987654321098765432109876543210123459","line":"END RequestId: 8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f"}\n',
    );
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('splits a batch by maxEvents into requests sent one after another, in input order', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url, maxEvents: 3 });

    const result = await sink.send(records);

    expect(result.requests).toBe(3);
    expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    expect(
      intake.requests().map((request) => parseIntakeEvents(request).map((event) => event.id)),
    ).toEqual([
      records.slice(0, 3).map((record) => record.id),
      records.slice(3, 6).map((record) => record.id),
      [records[6]!.id],
    ]);
    expect(result.bytesSent).toBe(
      intake.requests().reduce((total, request) => total + request.rawBytes, 0),
    );
  });

  it('fills each request up to maxBytes and never beyond', async () => {
    const intake = await startIntake();
    const sink = createSink({
      url: intake.url,
      maxBytes: 300,
      toEvent: (record) => ({ id: record.id, pad: 'x'.repeat(60) }),
    });
    // Each event is 134 bytes + 1 newline: two fit in 300 bytes, three do not.
    const result = await sink.send(records);

    expect(intake.requests().map((request) => request.rawBytes)).toEqual([270, 270, 270, 135]);
    expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
  });

  it('rejects an event larger than maxEventBytes without sending it, and delivers the others', async () => {
    const intake = await startIntake();
    // The default events of these records are 313, 401 and 554 bytes long.
    const sink = createSink({ url: intake.url, maxEventBytes: 450 });

    const result = await sink.send(records.slice(0, 3));

    expect(result.outcomes).toEqual([
      { status: 'delivered' },
      { status: 'delivered' },
      {
        status: 'rejected',
        reason: 'the event is 554 bytes as JSON, above maxEventBytes (450); it was not sent',
        errorType: 'event-too-large',
      },
    ]);
    expect(intake.requests().flatMap((request) => parseIntakeEvents(request))).toHaveLength(2);
  });

  it('rejects an event that cannot fit in a request of its own, brackets included', async () => {
    const intake = await startIntake();
    // {"m":"xxx…"} is 255 bytes; as a JSON array body it needs 257.
    const sink = createSink({
      url: intake.url,
      format: 'json-array',
      maxBytes: 256,
      maxEventBytes: 256,
      toEvent: (record) => ({ m: record.id === records[1]!.id ? 'x'.repeat(247) : 'short' }),
    });

    const result = await sink.send(records.slice(0, 3));

    expect(result.outcomes).toEqual([
      { status: 'delivered' },
      {
        status: 'rejected',
        reason:
          'the event needs a 257-byte request body on its own, above maxBytes (256); it was not sent',
        errorType: 'event-too-large',
      },
      { status: 'delivered' },
    ]);
    expect(intake.requests().map((request) => request.text)).toEqual([
      '[{"m":"short"},{"m":"short"}]',
    ]);
  });

  it('lets an event use a whole request by default: maxEventBytes is maxBytes minus the framing', () => {
    expect(
      JSON.parse(JSON.stringify(createSink({ url: 'https://logs.example.com/', maxBytes: 500 }))),
    ).toMatchObject({
      maxEventBytes: 499,
    });
  });

  it('rejects only the records whose toEvent throws or returns no JSON object', async () => {
    const intake = await startIntake();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const sink = createSink({
      url: intake.url,
      toEvent: (record) => {
        if (record.id.endsWith('123457')) throw new TypeError('no level in message');
        if (record.id.endsWith('123458')) return ['not', 'an', 'object'] as never;
        if (record.id.endsWith('123459')) return circular;
        if (record.id.endsWith('123460')) return { big: 10n };
        return { id: record.id };
      },
    });

    const result = await sink.send(records);

    expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
      'delivered',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'delivered',
      'delivered',
    ]);
    expect(result.outcomes[1]).toEqual({
      status: 'rejected',
      reason: 'toEvent threw for this record: TypeError: no level in message',
      errorType: 'invalid-event',
    });
    expect(result.outcomes[2]).toMatchObject({
      reason: 'toEvent must return a JSON object; it returned an array of 3',
    });
    expect(result.outcomes[3]).toMatchObject({
      reason: expect.stringMatching(
        /^the event toEvent returned cannot be serialized to JSON: TypeError: Converting circular/,
      ),
    });
    expect(result.outcomes[4]).toMatchObject({
      reason: expect.stringContaining('BigInt'),
    });
    expect(intake.requests()).toHaveLength(1);
  });

  it('makes no request and reports nothing for an empty batch', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url });
    expect(await sink.send([])).toEqual({ outcomes: [], requests: 0, bytesSent: 0 });
    expect(intake.requestCount()).toBe(0);
  });
});

describe('createHttpSink answers', () => {
  it.each([
    [400, '{"error":"line 2: invalid JSON"}', 'rejected', 'rejected-by-intake'],
    [422, 'unprocessable', 'rejected', 'rejected-by-intake'],
    [409, '', 'rejected', 'rejected-by-intake'],
    [408, '', 'retryable', 'timeout'],
    [429, '{"errors":["rate limited"]}', 'retryable', 'throttled'],
    [500, '', 'retryable', 'server'],
    [503, '', 'retryable', 'server'],
    [504, '', 'retryable', 'server'],
  ] as const)(
    'reports %i as %s (%s) with the intake status and reason',
    async (status, body, outcomeStatus, errorType) => {
      const intake = await startIntake();
      intake.injectFault({ kind: 'status', status, ...(body === '' ? {} : { body }) });
      const sink = createSink({ url: `${intake.url}/ingest` });

      const result = await sink.send(records.slice(0, 2));

      const statusLine = `${status} ${(await import('node:http')).STATUS_CODES[status]}`;
      const verb = outcomeStatus === 'rejected' ? 'refused the request: ' : 'answered ';
      const expected = {
        status: outcomeStatus,
        reason: `http intake ${intake.url}/ingest ${verb}${statusLine}${body === '' ? '' : `: ${body}`}`,
        errorType,
        httpStatus: status,
      };
      expect(result.outcomes).toEqual([expected, expected]);
      expect(result.requests).toBe(1);
    },
  );

  it('surfaces Retry-After in the reason without waiting for it', async () => {
    const intake = await startIntake();
    intake.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const sink = createSink({ url: intake.url });

    const started = performance.now();
    const result = await sink.send([records[0]!]);

    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.outcomes[0]).toEqual({
      status: 'retryable',
      reason: `http intake ${intake.url}/ answered 429 Too Many Requests; Retry-After: 120`,
      errorType: 'throttled',
      httpStatus: 429,
    });
  });

  it('keeps the title of an HTML error page and cuts long bodies', async () => {
    const intake = await startIntake();
    intake.injectFault({
      kind: 'status',
      status: 400,
      body: `<html><head><title>Bad request: body rejected</title></head><body>${'x'.repeat(5000)}</body></html>`,
    });
    intake.injectFault({ kind: 'status', status: 400, body: 'y'.repeat(5000) });
    const sink = createSink({ url: intake.url, maxEvents: 1 });

    const result = await sink.send(records.slice(0, 2));

    expect(result.outcomes[0]).toMatchObject({
      reason: `http intake ${intake.url}/ refused the request: 400 Bad Request: Bad request: body rejected`,
    });
    expect(result.outcomes[1]).toMatchObject({
      reason: `http intake ${intake.url}/ refused the request: 400 Bad Request: ${'y'.repeat(300)}… (truncated)`,
    });
  });

  it.each([401, 403, 407])(
    'throws SinkError authentication for %i and reports no outcomes',
    async (status) => {
      const intake = await startIntake();
      intake.injectFault({ kind: 'status', status, body: '{"errors":["Forbidden"]}' });
      const sink = createSink({
        url: intake.url,
        auth: { kind: 'header', name: 'X-Api-Key', value: 'k3y-value' },
      });

      const error = await sink.send(records).catch((thrown: unknown) => thrown);

      expect(isSinkError(error)).toBe(true);
      expect(error).toMatchObject({
        name: 'SinkError',
        code: 'authentication',
        retryable: false,
        sink: 'http',
        httpStatus: status,
      });
      expect((error as Error).message).toMatch(
        new RegExp(
          `^http intake ${intake.url}/ answered ${status} .*: \\{"errors":\\["Forbidden"\\]\\}\\. The credentials \\(header X-Api-Key\\) are missing, expired or not allowed to write`,
        ),
      );
    },
  );

  it.each([301, 404, 405, 406, 410, 415])(
    'throws SinkError configuration for %i: an answer about the address, not the records',
    async (status) => {
      const intake = await startIntake();
      intake.injectFault({ kind: 'status', status });
      const sink = createSink({ url: intake.url });

      await expect(sink.send(records)).rejects.toMatchObject({
        name: 'SinkError',
        code: 'configuration',
        retryable: false,
        httpStatus: status,
        message: expect.stringContaining('check the URL and the preset (generic)'),
      });
    },
  );

  it('stops after a transient failure: later requests are not sent and stay retryable', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url, maxEvents: 2 });
    intake.injectFault({
      kind: 'status',
      status: 503,
      match: () => intake.requests().length === 1,
    });

    const result = await sink.send(records);

    expect(result.requests).toBe(2);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
      'delivered',
      'delivered',
      'retryable',
      'retryable',
      'retryable',
      'retryable',
      'retryable',
    ]);
    expect(result.outcomes[2]).toMatchObject({ errorType: 'server', httpStatus: 503 });
    expect(result.outcomes[4]).toEqual({
      status: 'retryable',
      reason:
        'not sent: an earlier request of this send() failed (server 503), and Kinesis replays the records after it anyway',
      errorType: 'not-sent',
    });
  });

  it('reports a connection reset as retryable, noting the intake may have stored the request', async () => {
    const intake = await startIntake();
    intake.injectFault({ kind: 'reset' });
    const sink = createSink({ url: intake.url });

    const result = await sink.send([records[0]!]);

    expect(result.outcomes[0]).toEqual({
      status: 'retryable',
      reason: `the connection to http intake ${intake.url}/ failed before an answer (ECONNRESET); the intake may have stored it, so a re-send can duplicate it`,
      errorType: 'network',
    });
    expect(result.requests).toBe(1);
  });

  it('reports a refused connection as retryable without counting a request', async () => {
    const intake = await startIntake();
    const url = intake.url;
    await intake.close();
    const sink = createSink({ url });

    const result = await sink.send([records[0]!]);

    expect(result).toEqual({
      outcomes: [
        {
          status: 'retryable',
          reason: `the connection to http intake ${url}/ failed before an answer (ECONNREFUSED)`,
          errorType: 'network',
        },
      ],
      requests: 0,
      bytesSent: 0,
    });
  });

  it('gives up after timeoutMs when the intake never answers', async () => {
    const intake = await startIntake();
    intake.injectFault({ kind: 'hang' });
    const sink = createSink({ url: intake.url, timeoutMs: 150 });

    const started = performance.now();
    const result = await sink.send([records[0]!]);
    const elapsed = performance.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
    expect(result.outcomes[0]).toEqual({
      status: 'retryable',
      reason: `http intake ${intake.url}/ did not answer within timeoutMs (150 ms); the intake may have stored it, so a re-send can duplicate it`,
      errorType: 'timeout',
    });
  });

  it('makes no request when the signal is already aborted', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url });

    const result = await sink.send(records.slice(0, 2), { signal: AbortSignal.abort() });

    expect(result.requests).toBe(0);
    expect(result.outcomes[0]).toEqual({
      status: 'retryable',
      reason: 'send() was called with an aborted signal; nothing was sent',
      errorType: 'aborted',
    });
    expect(intake.requestCount()).toBe(0);
  });

  it('settles promptly with retryable outcomes when the signal aborts mid-request', async () => {
    const intake = await startIntake();
    intake.injectFault({ kind: 'hang' });
    const sink = createSink({ url: intake.url, timeoutMs: 5000, maxEvents: 4 });

    const started = performance.now();
    const result = await sink.send(records, { signal: AbortSignal.timeout(50) });

    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.outcomes[0]).toMatchObject({ status: 'retryable', errorType: 'aborted' });
    expect(result.outcomes[6]).toMatchObject({ status: 'retryable', errorType: 'not-sent' });
  });
});

describe('createHttpSink splitting on 413', () => {
  it('halves a refused request down to single events and rejects a single event still refused', async () => {
    // The intake takes at most 500 bytes; the sink was configured for more.
    const intake = await startIntake({ maxRequestBytes: 500 });
    const sink = createSink({ url: intake.url, maxBytes: 10_000 });

    const result = await sink.send(records);

    // Event lines are 314, 402, 555, 295, 415, 212 and 251 bytes: 7 → 4 → 2 → 1 + 1, 2 → 1 + 1,
    // then 3 → 2 → 1 + 1, 1: 13 requests, and line 2 alone is still too large.
    expect(result.requests).toBe(13);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
      'delivered',
      'delivered',
      'rejected',
      'delivered',
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect(result.outcomes[2]).toEqual({
      status: 'rejected',
      reason: `http intake ${intake.url}/ answered 413 Payload Too Large even for this event alone (555 bytes on the wire)`,
      errorType: 'payload-too-large',
      httpStatus: 413,
    });
    const accepted = intake.acceptedRequests().flatMap((request) => parseIntakeEvents(request));
    expect(accepted.map((event) => event.id)).toEqual(
      [0, 1, 3, 4, 5, 6].map((index) => records[index]!.id),
    );
    expect(result.requests).toBe(intake.requestCount());
  });

  it('stops splitting when a half fails transiently and leaves the other half unsent', async () => {
    const intake = await startIntake({ maxRequestBytes: 2000 });
    const sink = createSink({ url: intake.url });
    // Request 1 (7 events) gets 413; request 2 (the first 4) gets 503.
    let seen = 0;
    intake.injectFault({ kind: 'status', status: 503, match: () => ++seen === 2 });

    const result = await sink.send(records);

    expect(result.requests).toBe(2);
    expect(
      result.outcomes.map((outcome) => ('errorType' in outcome ? outcome.errorType : undefined)),
    ).toEqual(['server', 'server', 'server', 'server', 'not-sent', 'not-sent', 'not-sent']);
  });
});

describe('createHttpSink secrets', () => {
  const token = 'b3arer-T0ken-9f8e7d';

  it('never shows credentials in inspect, JSON, errors or reasons, even when the intake echoes them', async () => {
    const intake = await startIntake({
      respond: (request) => ({
        status: 400,
        body: `rejected request with ${String(request.headers.authorization)} and ${String(request.headers['x-secret'])}`,
      }),
    });
    const sink = createSink({
      url: `${intake.url}/inputs/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/tag/http?token=query-S3cret`,
      auth: { kind: 'bearer', token },
      headers: { 'X-Secret': 'header-S3cret-value' },
    });

    const result = await sink.send([records[0]!]);
    const texts = [
      inspect(sink, { depth: 10, showHidden: true }),
      JSON.stringify(sink),
      JSON.stringify(result),
    ];

    expect(result.outcomes[0]).toMatchObject({
      reason: `http intake ${intake.url}/inputs/[redacted]/tag/http?[redacted] refused the request: 400 Bad Request: rejected request with Bearer [redacted] and [redacted]`,
    });
    expect(texts[0]).toBe(
      `HttpSink {\n  name: 'http',\n  preset: 'generic',\n  url: '${intake.url}/inputs/[redacted]/tag/http?[redacted]',\n  format: 'ndjson',\n  compression: 'none',\n  credentials: 'bearer',\n  maxBytes: 1000000,\n  maxEvents: 10000,\n  maxEventBytes: 999999,\n  timeoutMs: 10000,\n  healthCheck: 'none'\n}`,
    );
    for (const text of texts) {
      for (const secret of [token, 'query-S3cret', 'header-S3cret-value', '0f1e2d3c-4b5a']) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('turns user info in the URL into basic auth and never shows it', async () => {
    const intake = await startIntake();
    const url = new URL(intake.url);
    url.username = 'logferry';
    url.password = 'p@ss:w0rd/é';
    const sink = createSink({ url: url.href });

    await sink.send([records[0]!]);

    expect(intake.requests()[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('logferry:p@ss:w0rd/é').toString('base64')}`,
    );
    expect(inspect(sink)).not.toContain('w0rd');
    expect(inspect(sink)).toContain("credentials: 'basic'");
  });
});

describe('createHttpSink checkHealth', () => {
  it('has no checkHealth unless a health check is configured', () => {
    const sink = createSink({ url: 'https://logs.example.com/ingest' });
    expect(sink.checkHealth).toBeUndefined();
  });

  it('sends a bodiless GET with the credentials and resolves on 2xx, writing nothing', async () => {
    const intake = await startIntake({ methods: ['POST', 'GET'] });
    const sink = createSink({
      url: intake.url,
      auth: { kind: 'bearer', token: 'health-T0ken' },
      healthCheck: { url: `${intake.url}/status` },
    });

    await sink.checkHealth?.();

    const [request] = intake.requests();
    expect(request).toMatchObject({ method: 'GET', path: '/status', text: '' });
    expect(request?.headers.authorization).toBe('Bearer health-T0ken');
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it.each([
    [403, 'authentication', false],
    [404, 'configuration', false],
    [429, 'throttled', true],
    [503, 'server', true],
  ] as const)(
    'rejects with %i as SinkError %s (retryable: %s)',
    async (status, code, retryable) => {
      const intake = await startIntake({ methods: ['GET'] });
      intake.injectFault({ kind: 'status', status });
      const sink = createSink({
        url: intake.url,
        healthCheck: { url: `${intake.url}/status`, method: 'GET' },
      });

      await expect(sink.checkHealth?.()).rejects.toMatchObject({
        name: 'SinkError',
        code,
        retryable,
        httpStatus: status,
        message: expect.stringContaining(
          `http health check GET ${intake.url}/status answered ${status}`,
        ),
      });
    },
  );

  it('rejects with a retryable timeout when the intake never answers', async () => {
    const intake = await startIntake({ methods: ['GET'] });
    intake.injectFault({ kind: 'hang' });
    const sink = createSink({ url: intake.url, timeoutMs: 100, healthCheck: { url: intake.url } });

    await expect(sink.checkHealth?.()).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
      message: `http health check GET ${intake.url}/ got no answer within timeoutMs (100 ms)`,
    });
  });
});

describe('createHttpSink close', () => {
  it('refuses to send after close()', async () => {
    const sink = createHttpSink({ url: 'https://logs.example.com/ingest' });
    await sink.close?.();
    await expect(sink.send([records[0]!])).rejects.toMatchObject({
      name: 'SinkError',
      code: 'configuration',
      message: 'http sink: send() was called after close()',
    });
  });

  it('reuses one keep-alive connection across requests and releases it on close()', async () => {
    let connections = 0;
    let closedConnections = 0;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end());
    });
    server.on('connection', (socket) => {
      connections += 1;
      socket.on('close', () => {
        closedConnections += 1;
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const sink = createHttpSink({ url: `http://127.0.0.1:${port}/`, maxEvents: 1 });

    const result = await sink.send(records.slice(0, 3));
    expect(result.requests).toBe(3);
    expect(connections).toBe(1);
    expect(closedConnections).toBe(0);

    await sink.close?.();
    await expect.poll(() => closedConnections).toBe(1);
  });
});

describe('createHttpSink with generated records', () => {
  it('delivers 200 records with unicode, control characters and multi-KB lines unchanged', async () => {
    const intake = await startIntake();
    const sink = createSink({ url: intake.url, compression: 'gzip', maxBytes: 20_000 });
    const generated: SinkRecord[] = createTestRecords(200, { seed: 7 });

    const result = await sink.send(generated);

    expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    const events = intake.requests().flatMap((request) => parseIntakeEvents(request));
    expect(events.map((event) => [event.id, event.message])).toEqual(
      generated.map((record) => [record.id, record.message]),
    );
    for (const request of intake.requests()) {
      expect(request.body.length).toBeLessThanOrEqual(20_000);
      expect(request.rawBytes).toBeLessThan(request.body.length);
    }
  });
});
