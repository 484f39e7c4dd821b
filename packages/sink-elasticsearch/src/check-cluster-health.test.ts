import { isSinkError } from '@logferry/sink';
import { type FakeElasticsearch, startFakeElasticsearch } from '@logferry/sink-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElasticsearchSink } from './create-elasticsearch-sink';

let fake: FakeElasticsearch;
beforeEach(async () => {
  fake = await startFakeElasticsearch({
    auth: { kind: 'basic', username: 'monitor', password: 'health-Pa55word' },
  });
});
afterEach(async () => {
  await fake.close();
});

function createSink(overrides: { timeoutMs?: number; fetch?: typeof fetch } = {}) {
  return createElasticsearchSink({
    url: fake.url,
    auth: { type: 'basic', username: 'monitor', password: 'health-Pa55word' },
    ...overrides,
  });
}

async function healthError(promise: Promise<void>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isSinkError(error)).toBe(true);
  return error as Error;
}

describe('checkHealth', () => {
  it('asks GET / once, with credentials, and writes nothing', async () => {
    await createSink().checkHealth();
    expect(
      fake.requests().map((request) => [request.method, request.path, request.status]),
    ).toEqual([['GET', '/', 200]]);
    expect(fake.requests()[0]!.headers.authorization).toMatch(/^Basic /);
    expect(fake.storedIds()).toEqual([]);
  });

  it.each([
    [
      { kind: 'status', status: 503 } as const,
      { code: 'server', retryable: true, httpStatus: 503 },
    ],
    [
      { kind: 'status', status: 429 } as const,
      { code: 'throttled', retryable: true, httpStatus: 429 },
    ],
    [
      { kind: 'status', status: 401 } as const,
      { code: 'authentication', retryable: false, httpStatus: 401 },
    ],
    [
      { kind: 'status', status: 403 } as const,
      { code: 'authentication', retryable: false, httpStatus: 403 },
    ],
    [
      { kind: 'status', status: 404, body: '{"error":"no handler","status":404}' } as const,
      { code: 'configuration', retryable: false, httpStatus: 404 },
    ],
    [
      { kind: 'status', status: 302, headers: { location: '/login' } } as const,
      { code: 'configuration', retryable: false, httpStatus: 302 },
    ],
    [{ kind: 'reset' } as const, { code: 'network', retryable: true }],
  ])('classifies %j', async (fault, expected) => {
    fake.injectFault(fault);
    const error = await healthError(createSink().checkHealth());
    expect(error).toMatchObject({ sink: 'elasticsearch', ...expected });
    expect(error.message).toMatch(new RegExp(`^The health check GET ${fake.url}/ `));
  });

  it('times out after timeoutMs', async () => {
    fake.injectFault({ kind: 'hang' });
    const started = performance.now();
    const error = await healthError(createSink({ timeoutMs: 200 }).checkHealth());
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toBe(
      `The health check GET ${fake.url}/ got no answer within 200 ms (option timeoutMs)`,
    );
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('is aborted by the caller signal', async () => {
    fake.injectFault({ kind: 'hang' });
    const error = await healthError(createSink().checkHealth({ signal: AbortSignal.timeout(30) }));
    expect(error).toMatchObject({ code: 'aborted', retryable: true });
  });

  it('refuses a 200 that is not JSON (a proxy or captive page)', async () => {
    const sink = createSink({
      fetch: async () =>
        new Response('<html><title>Sign in</title></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    });
    const error = await healthError(sink.checkHealth());
    expect(error).toMatchObject({ code: 'invalid-response', retryable: true, httpStatus: 200 });
    expect(error.message).toContain('with a body that is not JSON (HTML page: Sign in)');
  });

  it('refuses a signal that is not an AbortSignal', async () => {
    const error = await healthError(
      createSink().checkHealth({ signal: 'soon' as unknown as AbortSignal }),
    );
    expect(error).toMatchObject({ code: 'invalid-options', retryable: false });
  });
});
