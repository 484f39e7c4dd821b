import { deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeHttpIntake, startFakeHttpIntake } from './start-fake-http-intake';

let intake: FakeHttpIntake | undefined;
async function start(options: Parameters<typeof startFakeHttpIntake>[0] = {}) {
  intake = await startFakeHttpIntake(options);
  return intake;
}
afterEach(async () => {
  await intake?.close();
  intake = undefined;
});

async function post(
  target: FakeHttpIntake,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = 'POST',
) {
  const response = await fetch(`${target.url}${path}`, { method, headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('startFakeHttpIntake', () => {
  it('records the path, headers and body of a POST and answers 200 with an empty body', async () => {
    const target = await start();
    const answer = await post(
      target,
      '/receiver/v1/http/TOKEN?category=prod',
      'line one\nline two\n',
      {
        'x-sumo-category': 'prod/app',
      },
    );
    expect(answer).toMatchObject({ status: 200, text: '' });
    expect(target.requests()).toHaveLength(1);
    const [request] = target.requests();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/receiver/v1/http/TOKEN?category=prod',
      rawBytes: 18,
      text: 'line one\nline two\n',
      status: 200,
    });
    expect(request?.query.get('category')).toBe('prod');
    expect(request?.headers['x-sumo-category']).toBe('prod/app');
    expect(target.stats()).toEqual({
      requests: 1,
      accepted: 1,
      largestRequestBytes: 18,
      faultsApplied: 0,
    });
  });

  it('decodes gzip and deflate bodies and keeps the size as sent', async () => {
    const target = await start();
    const text = `${JSON.stringify([{ message: 'Grüße 🚀', ddsource: 'cloudwatch' }])}`;
    const gzipped = gzipSync(text);
    await post(target, '/api/v2/logs', gzipped, { 'content-encoding': 'gzip' });
    await post(target, '/api/v2/logs', deflateSync(text), { 'content-encoding': 'deflate' });
    expect(target.requests().map((request) => request.text)).toEqual([text, text]);
    expect(target.requests()[0]?.rawBytes).toBe(gzipped.length);
  });

  it('answers 400 for a body that claims gzip but is not, and does not accept it', async () => {
    const target = await start();
    const answer = await post(target, '/', 'plain', { 'content-encoding': 'gzip' });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(
      /^failed to decompress the request body \(content-encoding: gzip\): /,
    );
    expect(target.acceptedRequests()).toEqual([]);
  });

  it('answers like Datadog when configured: 202 with {}', async () => {
    const target = await start({
      status: 202,
      responseBody: '{}',
      responseHeaders: { 'content-type': 'application/json' },
    });
    const answer = await post(target, '/api/v2/logs', '[]');
    expect(answer).toMatchObject({ status: 202, text: '{}' });
    expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('answers 405 to methods it does not accept', async () => {
    const target = await start();
    const response = await fetch(`${target.url}/`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, PUT');
    expect(await response.text()).toBe('method GET not allowed; use POST or PUT');
  });

  it('refuses requests authorize() rejects with 403, or 401 when configured', async () => {
    const target = await start({
      authorize: (request) => request.headers['dd-api-key'] === 'test-key-123',
    });
    expect((await post(target, '/', '[]', { 'dd-api-key': 'test-key-123' })).status).toBe(200);
    expect(await post(target, '/', '[]', { 'dd-api-key': 'wrong' })).toMatchObject({
      status: 403,
      text: '{"errors":["Forbidden"]}',
    });
    expect(target.acceptedRequests()).toHaveLength(1);
    await target.close();
    const basic = await start({ authorize: () => false, unauthorizedStatus: 401 });
    expect(await post(basic, '/', 'x')).toMatchObject({
      status: 401,
      text: '{"errors":["Unauthorized"]}',
    });
  });

  it('lets respond() script answers per request, recording the status it chose', async () => {
    let calls = 0;
    const target = await start({
      respond: () => {
        calls += 1;
        return calls === 1 ? { status: 500, body: 'internal error' } : undefined;
      },
    });
    expect(await post(target, '/', 'first')).toMatchObject({ status: 500, text: 'internal error' });
    expect((await post(target, '/', 'second')).status).toBe(200);
    expect(target.requests().map((request) => [request.text, request.status])).toEqual([
      ['first', 500],
      ['second', 200],
    ]);
    expect(target.acceptedRequests().map((request) => request.text)).toEqual(['second']);
  });

  it('applies scripted faults before recording anything, and counts them', async () => {
    const target = await start();
    target.injectFault({ kind: 'status', status: 503, times: 1 });
    target.injectFault({ kind: 'reset', times: 1 });
    expect((await post(target, '/', 'a')).status).toBe(503);
    await expect(post(target, '/', 'b')).rejects.toThrow('fetch failed');
    expect((await post(target, '/', 'c')).status).toBe(200);
    expect(target.requests().map((request) => request.text)).toEqual(['c']);
    expect(target.stats()).toMatchObject({ requests: 3, accepted: 1, faultsApplied: 2 });
  });

  it('records a lost-response request as accepted although the client saw an error', async () => {
    const target = await start();
    target.injectFault({ kind: 'lost-response' });
    await expect(post(target, '/', 'landed')).rejects.toThrow('fetch failed');
    expect(target.acceptedRequests().map((request) => request.text)).toEqual(['landed']);
  });

  it('answers 413 above maxRequestBytes', async () => {
    const target = await start({ maxRequestBytes: 10 });
    const answer = await post(target, '/', '01234567890');
    expect(answer.status).toBe(413);
    expect(target.stats().largestRequestBytes).toBe(11);
    expect(target.requests()).toEqual([]);
  });

  it('answers 500 when a hook throws, and reports the error when closed instead of hiding it', async () => {
    const target = await startFakeHttpIntake({
      respond: () => {
        throw new Error('hook exploded');
      },
    });
    expect(await post(target, '/', 'x')).toMatchObject({
      status: 500,
      text: 'fake HTTP intake failed to handle the request: hook exploded',
    });
    const closing = await target.close().catch((error: unknown) => error);
    expect(closing).toMatchObject({
      name: 'SinkTestkitError',
      code: 'server-error',
      message: 'fake HTTP intake failed while handling 1 request(s); first error: hook exploded',
      cause: new Error('hook exploded'),
    });
  });

  it.each([
    [
      { status: 500 },
      'startFakeHttpIntake: option status must be an integer from 200 to 299; received 500',
    ],
    [{ methods: [] }, 'startFakeHttpIntake: option methods must be a non-empty list; received []'],
    [
      { maxRequestBytes: -1 },
      'startFakeHttpIntake: option maxRequestBytes must be a positive integer; received -1',
    ],
    [
      { unauthorizedStatus: 500 },
      'startFakeHttpIntake: option unauthorizedStatus must be 401 or 403; received 500',
    ],
  ])('rejects %j', async (options, message) => {
    await expect(startFakeHttpIntake(options as never)).rejects.toThrow(message);
  });
});
