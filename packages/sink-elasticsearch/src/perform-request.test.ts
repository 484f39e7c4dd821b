import { SigningError } from '@logferry/sigv4';
import { describe, expect, it, vi } from 'vitest';
import type { RequestAuthorizer } from './create-request-authorizer';
import { type HttpTransport, performRequest } from './perform-request';

const request = {
  method: 'POST',
  url: 'https://es.example.com/_bulk',
  headers: { 'content-type': 'application/x-ndjson' },
  body: new Uint8Array([123, 125, 10]),
} as const;

const passThrough: RequestAuthorizer = {
  authorize: async (spec) => ({
    url: spec.url,
    headers: { ...spec.headers, authorization: 'ApiKey test' },
  }),
  forgetCredentials: () => {},
  describe: () => ({ type: 'api-key' }),
};

function createTransport(
  fetchFunction: typeof fetch,
  overrides: Partial<HttpTransport> = {},
): HttpTransport {
  return {
    authorizer: passThrough,
    resolveFetch: () => fetchFunction,
    timeoutMs: 200,
    ...overrides,
  };
}

/** A fetch that never answers on its own and rejects like undici when its signal aborts. */
const neverAnswers: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

describe('performRequest', () => {
  it('sends the authorized request without following redirects and reads the whole answer', async () => {
    const fetchSpy = vi.fn<typeof fetch>(
      async () =>
        new Response('{"errors":false}', {
          status: 200,
          statusText: 'OK',
          headers: { 'Content-Type': 'Application/JSON', 'x-amzn-errortype': 'None' },
        }),
    );
    const exchange = await performRequest(createTransport(fetchSpy), request, []);
    expect(exchange).toEqual({
      kind: 'response',
      requestSent: true,
      status: 200,
      statusText: 'OK',
      contentType: 'application/json',
      awsErrorType: 'None',
      body: '{"errors":false}',
    });
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe(request.url);
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: 'ApiKey test' },
      body: request.body,
      redirect: 'manual',
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('times out a request that gets no answer, after timeoutMs', async () => {
    const started = performance.now();
    const exchange = await performRequest(createTransport(neverAnswers), request, []);
    expect(exchange).toEqual({ kind: 'timeout', requestSent: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('times out an answer whose body never ends', async () => {
    const endless: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"errors":'));
            init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
          },
        }),
        { status: 200 },
      );
    expect(await performRequest(createTransport(endless), request, [])).toEqual({
      kind: 'timeout',
      requestSent: true,
    });
  });

  it('reports aborted when a caller signal fires, and removes its listener', async () => {
    const controller = new AbortController();
    const removeListener = vi.spyOn(controller.signal, 'removeEventListener');
    setTimeout(() => controller.abort(), 20);
    const exchange = await performRequest(
      createTransport(neverAnswers, { timeoutMs: 5000 }),
      request,
      [undefined, controller.signal],
    );
    expect(exchange).toEqual({ kind: 'aborted', requestSent: true });
    expect(removeListener).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('does not call fetch when a signal has already fired', async () => {
    const fetchSpy = vi.fn<typeof fetch>(neverAnswers);
    const exchange = await performRequest(createTransport(fetchSpy), request, [
      AbortSignal.abort(),
    ]);
    expect(exchange).toEqual({ kind: 'aborted', requestSent: false });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('puts signing under the same deadline', async () => {
    const hangingSigner: RequestAuthorizer = {
      ...passThrough,
      authorize: () => new Promise(() => {}),
    };
    const fetchSpy = vi.fn<typeof fetch>(neverAnswers);
    const exchange = await performRequest(
      createTransport(fetchSpy, { authorizer: hangingSigner }),
      request,
      [],
    );
    expect(exchange).toEqual({ kind: 'timeout', requestSent: false });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('reports a signing failure without sending', async () => {
    const error = new SigningError('The credentials provider failed', {
      code: 'credentials-provider-failed',
      retryable: true,
    });
    const failingSigner: RequestAuthorizer = {
      ...passThrough,
      authorize: async () => Promise.reject(error),
    };
    const fetchSpy = vi.fn<typeof fetch>(neverAnswers);
    expect(
      await performRequest(createTransport(fetchSpy, { authorizer: failingSigner }), request, []),
    ).toEqual({
      kind: 'signing-failed',
      requestSent: false,
      error,
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('lets an unexpected authorizer error through (a bug is not a network failure)', async () => {
    const broken: RequestAuthorizer = {
      ...passThrough,
      authorize: async () => Promise.reject(new RangeError('bug')),
    };
    await expect(
      performRequest(createTransport(neverAnswers, { authorizer: broken }), request, []),
    ).rejects.toThrow(RangeError);
  });

  it('reports a connection failure as network, keeping the error', async () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const refused: typeof fetch = async () =>
      Promise.reject(new TypeError('fetch failed', { cause }));
    const exchange = await performRequest(createTransport(refused), request, []);
    expect(exchange).toMatchObject({ kind: 'network', requestSent: true });
    expect((exchange as { error: Error }).error.cause).toBe(cause);
  });
});
