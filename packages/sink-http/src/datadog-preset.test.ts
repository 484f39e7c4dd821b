import type { SinkRecord } from '@logferry/sink';
import { startFakeHttpIntake } from '@logferry/sink-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSink } from './create-http-sink';
import type { DatadogSinkOptions } from './http-sink-options';
import { loadFixtureRecords, parseIntakeEvents } from './test-support';

const records = loadFixtureRecords('lambda-and-ecs-messages.decoded.json');
const apiKey = '3f9c2a7be1d04c5f8a6b9e2d7c1f0a4b';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startDatadog(options: Omit<DatadogSinkOptions, 'preset'> = {}) {
  // Datadog answers 202 `{}` to accepted logs and 403 to a bad API key.
  const intake = await startFakeHttpIntake({
    status: 202,
    responseBody: '{}',
    methods: ['POST', 'GET'],
    authorize: (request) => request.headers['dd-api-key'] === apiKey,
  });
  const sink = createHttpSink({
    preset: 'datadog',
    url: `${intake.url}/api/v2/logs`,
    apiKey,
    ...options,
  });
  cleanups.push(async () => {
    await sink.close?.();
    await intake.close();
  });
  return { intake, sink };
}

describe("createHttpSink({ preset: 'datadog' })", () => {
  it('POSTs a gzipped JSON array of Datadog logs with DD-API-KEY', async () => {
    const { intake, sink } = await startDatadog({ tags: ['env:production', 'team:payments'] });

    const result = await sink.send([records[1]!, records[6]!]);

    expect(result.outcomes).toEqual([{ status: 'delivered' }, { status: 'delivered' }]);
    const [request] = intake.requests();
    expect(request?.path).toBe('/api/v2/logs');
    expect(request?.headers).toMatchObject({
      'dd-api-key': apiKey,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(request?.text).toBe(
      '[{"ddsource":"cloudwatch","ddtags":"env:production,team:payments","hostname":"/aws/lambda/checkout","service":"checkout","timestamp":"2023-11-14T22:13:19.042Z","message":"2023-11-14T22:13:19.042Z\\t8f5c2d1a-3b4e-4c6d-9e8f-7a6b5c4d3e2f\\tINFO\\t{\\"level\\":\\"info\\",\\"msg\\":\\"order placed\\",\\"orderId\\":918273,\\"total\\":\\"42.50 €\\"}\\n","id":"37890412339876543210987654321098765432109876543210123457","aws":{"awslogs":{"logGroup":"/aws/lambda/checkout","logStream":"2023/11/14/[$LATEST]6f1c8a2b9d0e4f7a8b3c2d1e0f9a8b7c","owner":"123456789012"}}},' +
        '{"ddsource":"cloudwatch","ddtags":"env:production,team:payments","hostname":"/ecs/payments","service":"payments","timestamp":"2023-11-14T22:13:20.501Z","message":"payment authorised: 支払い完了 ✅","id":"37890412339876543210987654321098765432109876543210200002","aws":{"awslogs":{"logGroup":"/ecs/payments","logStream":"payments/app/0d9e8f7a6b5c4d3e","owner":"123456789012"}}}]',
    );
  });

  it('uses source, service and hostname options, with placeholders', async () => {
    const { intake, sink } = await startDatadog({
      source: 'lambda',
      service: 'shop-{owner}',
      hostname: '{logStream}',
    });

    await sink.send([records[0]!]);

    expect(parseIntakeEvents(intake.requests()[0]!)[0]).toMatchObject({
      ddsource: 'lambda',
      service: 'shop-123456789012',
      hostname: '2023/11/14/[$LATEST]6f1c8a2b9d0e4f7a8b3c2d1e0f9a8b7c',
    });
    expect(parseIntakeEvents(intake.requests()[0]!)[0]).not.toHaveProperty('ddtags');
  });

  it('moves a dd-api-key URL parameter into the DD-API-KEY header', async () => {
    const intake = await startFakeHttpIntake({ status: 202, responseBody: '{}' });
    cleanups.push(() => intake.close());
    const sink = createHttpSink({
      preset: 'datadog',
      url: `${intake.url}/api/v2/logs?dd-api-key=${apiKey}&ddsource=x`,
    });
    cleanups.push(() => sink.close?.() ?? Promise.resolve());

    await sink.send([records[0]!]);

    const [request] = intake.requests();
    expect(request?.path).toBe('/api/v2/logs?ddsource=x');
    expect(request?.headers['dd-api-key']).toBe(apiKey);
    expect(JSON.stringify(sink)).not.toContain(apiKey);
  });

  it('sends at most 1000 logs per request', async () => {
    const { intake, sink } = await startDatadog();
    const many: SinkRecord[] = Array.from({ length: 1001 }, (_, index) => ({
      ...records[0]!,
      id: String(37890412339876543210987654321098765432109876543210000000n + BigInt(index)),
    }));

    const result = await sink.send(many);

    expect(result.requests).toBe(2);
    expect(intake.requests().map((request) => parseIntakeEvents(request).length)).toEqual([
      1000, 1,
    ]);
  });

  it('rejects a log over 1,000,000 bytes instead of letting Datadog truncate it', async () => {
    const { intake, sink } = await startDatadog();
    const huge: SinkRecord = { ...records[0]!, message: 'x'.repeat(1_000_000) };

    const result = await sink.send([records[1]!, huge]);

    expect(result.outcomes[1]).toEqual({
      status: 'rejected',
      reason: 'the event is 1000340 bytes as JSON, above maxEventBytes (1000000); it was not sent',
      errorType: 'event-too-large',
    });
    expect(intake.requests()).toHaveLength(1);
  });

  it('throws SinkError authentication for the 403 of a bad API key', async () => {
    const intake = await startFakeHttpIntake({ authorize: () => false });
    cleanups.push(() => intake.close());
    const sink = createHttpSink({ preset: 'datadog', url: `${intake.url}/api/v2/logs`, apiKey });
    cleanups.push(() => sink.close?.() ?? Promise.resolve());

    await expect(sink.send([records[0]!])).rejects.toMatchObject({
      code: 'authentication',
      httpStatus: 403,
      message: `datadog intake ${intake.url}/api/v2/logs answered 403 Forbidden: {"errors":["Forbidden"]}. The credentials (DD-API-KEY header) are missing, expired or not allowed to write; no record was reported, fix the configuration`,
    });
  });

  it('checks health with GET /api/v1/validate and the API key, writing nothing', async () => {
    const intake = await startFakeHttpIntake({ methods: ['GET'] });
    cleanups.push(() => intake.close());
    const sink = createHttpSink({
      preset: 'datadog',
      url: `${intake.url}/api/v2/logs`,
      apiKey,
      healthCheck: { url: `${intake.url}/api/v1/validate` },
    });
    cleanups.push(() => sink.close?.() ?? Promise.resolve());

    await sink.checkHealth?.();

    expect(intake.requests()).toMatchObject([
      { method: 'GET', path: '/api/v1/validate', text: '', headers: { 'dd-api-key': apiKey } },
    ]);
  });

  it('derives the intake and validate URLs from the site, or the site from the URL', () => {
    const bySite = createHttpSink({ preset: 'datadog', site: 'datadoghq.eu', apiKey });
    const byUrl = createHttpSink({
      preset: 'datadog',
      url: 'https://http-intake.logs.us5.datadoghq.com/api/v2/logs',
      apiKey,
    });
    const byDefault = createHttpSink({ preset: 'datadog', apiKey });

    expect(JSON.parse(JSON.stringify(bySite))).toMatchObject({
      url: 'https://http-intake.logs.datadoghq.eu/api/v2/logs',
      healthCheck: 'GET https://api.datadoghq.eu/api/v1/validate',
      credentials: 'DD-API-KEY header',
      maxBytes: 5_000_000,
      maxEvents: 1000,
      maxEventBytes: 1_000_000,
      compression: 'gzip',
      format: 'json-array',
    });
    expect(JSON.parse(JSON.stringify(byUrl)).healthCheck).toBe(
      'GET https://api.us5.datadoghq.com/api/v1/validate',
    );
    expect(JSON.parse(JSON.stringify(byDefault)).url).toBe(
      'https://http-intake.logs.datadoghq.com/api/v2/logs',
    );
    expect(
      JSON.parse(JSON.stringify(createHttpSink({ preset: 'datadog', apiKey, healthCheck: false })))
        .healthCheck,
    ).toBe('none');
  });

  it.each([
    [
      {},
      'option apiKey must be a Datadog API key (or a dd-api-key parameter in url); received undefined',
    ],
    [
      { apiKey: '' },
      'option apiKey must be a non-empty string; received a string of 0 characters (not shown)',
    ],
    [
      { apiKey, maxEvents: 1001 },
      'option maxEvents must be an integer from 1 to 1000; received number 1001',
    ],
    [
      { apiKey, maxBytes: 5_000_001 },
      'option maxBytes must be an integer from 256 to 5000000; received number 5000001',
    ],
    [
      { apiKey, maxEventBytes: 1_000_001 },
      'option maxEventBytes must be an integer from 2 to 1000000; received number 1000001',
    ],
    [
      { apiKey, site: 'https://datadoghq.eu' },
      'option site must be a Datadog site such as datadoghq.com or us5.datadoghq.com; received "https://datadoghq.eu"',
    ],
    [
      { apiKey, tags: ['env:prod,team:x'] },
      'option tags must be an array of non-empty tags (at most 200 characters, no commas) such as env:production; received "env:prod,team:x"',
    ],
    [
      { apiKey, service: '{function}' },
      'option service must be a text whose placeholders are {logGroup}, {logStream} or {owner}; received "{function}"',
    ],
    [
      {
        apiKey: 'other-key-1234',
        url: `https://http-intake.logs.datadoghq.com/api/v2/logs?dd-api-key=${apiKey}`,
      },
      'option apiKey must be the same key as the dd-api-key parameter of url, or absent; received a string of 14 characters (not shown)',
    ],
  ] as const)('fails at construction for %j', (options, message) => {
    expect(() => createHttpSink({ preset: 'datadog', ...(options as object) })).toThrow(
      `createHttpSink: ${message}`,
    );
  });
});
