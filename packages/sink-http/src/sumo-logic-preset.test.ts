import { inspect } from 'node:util';
import type { Sink, SinkRecord } from '@logferry/sink';
import { type FakeHttpIntake, startFakeHttpIntake } from '@logferry/sink-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSink } from './create-http-sink';
import type { SumoLogicSinkOptions } from './http-sink-options';
import { loadFixtureRecords } from './test-support';

const records = loadFixtureRecords('lambda-and-ecs-messages.decoded.json');
const token = 'ZaVnC4dhaV2ZeYg3tQpFkmwEa0zEmv1Nq9rKpCx1bUuB7LHdVdUWIAX0fC0bF6hS_fG1uBqXw==';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSumo(
  options: Omit<SumoLogicSinkOptions, 'preset' | 'url'> = {},
): Promise<{ intake: FakeHttpIntake; sink: Sink }> {
  const intake = await startFakeHttpIntake({
    authorize: (request) => request.path === `/receiver/v1/http/${token}`,
    unauthorizedStatus: 401,
  });
  const sink = createHttpSink({
    preset: 'sumo-logic',
    url: `${intake.url}/receiver/v1/http/${token}`,
    ...options,
  });
  cleanups.push(async () => {
    await sink.close?.();
    await intake.close();
  });
  return { intake, sink };
}

describe("createHttpSink({ preset: 'sumo-logic' })", () => {
  it('POSTs gzipped JSON lines, one request per log group, named after it by default', async () => {
    const { intake, sink } = await startSumo();

    const result = await sink.send(records);

    expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    expect(result.requests).toBe(2);
    const [lambda, ecs] = intake.requests();
    expect(lambda?.method).toBe('POST');
    expect(lambda?.path).toBe(`/receiver/v1/http/${token}`);
    expect(lambda?.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'content-encoding': 'gzip',
      'x-sumo-name': '/aws/lambda/checkout',
      'user-agent': 'logferry-sink-http',
    });
    expect(Object.keys(lambda?.headers ?? {}).filter((name) => name.startsWith('x-sumo'))).toEqual([
      'x-sumo-name',
    ]);
    expect(ecs?.headers['x-sumo-name']).toBe('/ecs/payments');
    expect(ecs?.text).toBe(
      '{"timestamp":"2023-11-14T22:13:20.500Z","message":"","logGroup":"/ecs/payments","logStream":"payments/app/0d9e8f7a6b5c4d3e","owner":"123456789012","id":"37890412339876543210987654321098765432109876543210200001"}\n' +
        '{"timestamp":"2023-11-14T22:13:20.501Z","message":"payment authorised: 支払い完了 ✅","logGroup":"/ecs/payments","logStream":"payments/app/0d9e8f7a6b5c4d3e","owner":"123456789012","id":"37890412339876543210987654321098765432109876543210200002"}\n',
    );
    expect(lambda?.text.split('\n')).toHaveLength(6);
    expect(result.bytesSent).toBe((lambda?.rawBytes ?? 0) + (ecs?.rawBytes ?? 0));
  });

  it('sends category, name, host and fields rendered from the record', async () => {
    const { intake, sink } = await startSumo({
      category: 'aws/cloudwatch/{owner}',
      sourceName: '{logGroup}/{logStream}',
      sourceHost: 'lambda-{owner}',
      fields: { account: '{owner}', environment: 'production' },
    });

    await sink.send([records[0]!]);

    const headers = intake.requests()[0]?.headers;
    expect(headers).toMatchObject({
      'x-sumo-category': 'aws/cloudwatch/123456789012',
      'x-sumo-name': '/aws/lambda/checkout/2023/11/14/[$LATEST]6f1c8a2b9d0e4f7a8b3c2d1e0f9a8b7c',
      'x-sumo-host': 'lambda-123456789012',
      'x-sumo-fields': 'account=123456789012,environment=production',
    });
  });

  it('shares one request between log groups when no header depends on the record', async () => {
    const { intake, sink } = await startSumo({ sourceName: '', category: 'aws/logs' });

    const result = await sink.send(records);

    expect(result.requests).toBe(1);
    expect(intake.requests()[0]?.headers['x-sumo-category']).toBe('aws/logs');
    expect(intake.requests()[0]?.headers['x-sumo-name']).toBeUndefined();
  });

  it('replaces characters a header cannot carry, and , = in field values', async () => {
    const { intake, sink } = await startSumo({ fields: { stream: '{logStream}' } });
    const record: SinkRecord = { ...records[0]!, logStream: 'app/ü,x=1\tend' };

    await sink.send([record]);

    expect(intake.requests()[0]?.headers['x-sumo-fields']).toBe('stream=app/__x_1_end');
  });

  it('keeps groups apart but in input order when log groups interleave', async () => {
    const { intake, sink } = await startSumo();
    const interleaved = [records[0]!, records[5]!, records[1]!, records[6]!, records[2]!];

    const result = await sink.send(interleaved);

    expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    expect(
      intake.requests().map((request) => [
        request.headers['x-sumo-name'],
        request.text
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { id: string }).id.slice(-6)),
      ]),
    ).toEqual([
      ['/aws/lambda/checkout', ['123456', '123457', '123458']],
      ['/ecs/payments', ['200001', '200002']],
    ]);
  });

  it('never prints the source token: inspect and the 401 error show a redacted URL', async () => {
    const intake = await startFakeHttpIntake({ authorize: () => false, unauthorizedStatus: 401 });
    cleanups.push(() => intake.close());
    const sink = createHttpSink({
      preset: 'sumo-logic',
      url: `${intake.url}/receiver/v1/http/${token}`,
    });
    cleanups.push(() => sink.close?.() ?? Promise.resolve());

    const error = await sink.send([records[0]!]).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'authentication', httpStatus: 401, sink: 'sumo-logic' });
    expect((error as Error).message).toContain(
      `sumo-logic intake ${intake.url}/receiver/v1/http/[redacted] answered 401 Unauthorized`,
    );
    expect((error as Error).message).toContain('(url token)');
    const shown = `${inspect(sink, { showHidden: true, depth: 10 })}${JSON.stringify(sink)}${inspect(error, { showHidden: true })}`;
    expect(shown).toContain('/receiver/v1/http/[redacted]');
    expect(shown).not.toContain(token.slice(0, 12));
  });

  it('caps bodies at Sumo Logic’s 1,000,000 bytes before compression', () => {
    expect(() =>
      createHttpSink({
        preset: 'sumo-logic',
        url: `https://e.sumologic.com/receiver/v1/http/${token}`,
        maxBytes: 1_000_001,
      }),
    ).toThrow(
      'createHttpSink: option maxBytes must be an integer from 256 to 1000000; received number 1000001',
    );
  });

  it.each([
    [
      'a URL of another path',
      `https://endpoint4.collection.sumologic.com/receiver/v1/otlp/${token}`,
    ],
    ['a URL without a token', 'https://endpoint4.collection.sumologic.com/receiver/v1/http/'],
    ['not a URL', `endpoint4.collection.sumologic.com/receiver/v1/http/${token}`],
  ])('fails at construction for %s, without echoing it', (_, url) => {
    let error: unknown;
    try {
      createHttpSink({ preset: 'sumo-logic', url });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ name: 'SinkError', code: 'invalid-options', retryable: false });
    expect((error as Error).message).toMatch(/^createHttpSink: option url must be /);
    expect((error as Error).message).toMatch(/received a string of \d+ characters \(not shown\)$/);
    expect((error as Error).message).not.toContain(token);
  });

  it.each([
    [
      'category',
      { category: 'aws/{region}' },
      'option category must be a text whose placeholders are {logGroup}, {logStream} or {owner}',
    ],
    [
      'sourceName',
      { sourceName: 'aws/{logGroup' },
      'option sourceName must be a text whose braces only enclose {logGroup}, {logStream} or {owner}',
    ],
    [
      'fields',
      { fields: { 'bad key': 'x' } },
      'option fields must be an object whose keys are 1 to 255 letters, digits or underscores; received "bad key"',
    ],
    [
      'fields value',
      { fields: { env: 42 } },
      'option fields.env must be a string (placeholders: {logGroup}, {logStream}, {owner}); received number 42',
    ],
  ] as const)('fails at construction for a bad %s', (_, options, message) => {
    expect(() =>
      createHttpSink({
        preset: 'sumo-logic',
        url: `https://e.sumologic.com/receiver/v1/http/${token}`,
        ...(options as object),
      }),
    ).toThrow(message);
  });
});
