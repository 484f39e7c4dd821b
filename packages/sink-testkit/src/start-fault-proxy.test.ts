import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from './start-fault-proxy';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

// A stand-in for s3rver: records what reached it and answers like S3 does to a PUT.
async function startTarget(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of request) chunks.push(chunk as Buffer);
    } catch {
      return; // the proxy abandoned the request (it went over the byte limit)
    }
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks),
    });
    response.writeHead(200, {
      etag: '"5d41402abc4b2a76b9719d911017c592"',
      'x-amz-request-id': 'REQ1',
    });
    response.end(request.method === 'GET' ? '<ListBucketResult/>' : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

async function setup(options: { maxRequestBytes?: number; rewriteHost?: boolean } = {}) {
  const target = await startTarget();
  opened.push({
    close: () =>
      new Promise<void>((resolve) => {
        target.server.close(() => resolve());
        target.server.closeAllConnections();
      }),
  });
  const proxy = await startFaultProxy({ target: target.url, ...options });
  opened.push(proxy);
  return { target, proxy };
}

const put = (proxy: FaultProxy, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${proxy.url}${path}`, { method: 'PUT', body, headers });

describe('startFaultProxy', () => {
  it('forwards method, path, query, headers and body unchanged, keeping the Host the client signed', async () => {
    const { target, proxy } = await setup();
    const response = await put(
      proxy,
      '/archive/2024/06/01/shard-0.ndjson.gz?x-id=PutObject',
      'payload',
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=S3RVER/20240601/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
        'x-amz-date': '20240601T000000Z',
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(response.headers.get('x-amz-request-id')).toBe('REQ1');
    const [received] = target.received;
    expect(received).toMatchObject({
      method: 'PUT',
      url: '/archive/2024/06/01/shard-0.ndjson.gz?x-id=PutObject',
    });
    expect(received?.body.toString()).toBe('payload');
    expect(received?.headers.host).toBe(new URL(proxy.url).host);
    expect(received?.headers['x-amz-date']).toBe('20240601T000000Z');
    expect(received?.headers['content-length']).toBe('7');
    expect(proxy.stats()).toEqual({
      requests: 1,
      forwarded: 1,
      largestRequestBytes: 7,
      faultsApplied: 0,
      upstreamErrors: 0,
    });
  });

  it('sets Host to the target when rewriteHost is on', async () => {
    const { target, proxy } = await setup({ rewriteHost: true });
    await (await fetch(`${proxy.url}/bucket?list-type=2`)).text();
    expect(target.received[0]?.headers.host).toBe(new URL(target.url).host);
    expect(new URL(target.url).host).not.toBe(new URL(proxy.url).host);
  });

  it('streams a chunked body and answers an Expect: 100-continue itself', async () => {
    const { target, proxy } = await setup();
    const url = new URL(proxy.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({
        hostname: url.hostname,
        port: url.port,
        method: 'PUT',
        path: '/bucket/object',
        headers: { expect: '100-continue', 'transfer-encoding': 'chunked' },
      });
      request.on('continue', () => {
        request.write('a'.repeat(300_000));
        request.end('b'.repeat(300_000));
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    expect(status).toBe(200);
    expect(target.received[0]?.body.length).toBe(600_000);
    expect(target.received[0]?.headers.expect).toBeUndefined();
    expect(proxy.stats().largestRequestBytes).toBe(600_000);
  });

  it('answers scripted status faults itself with an HTML page and does not forward them', async () => {
    const { target, proxy } = await setup();
    proxy.injectFault({
      kind: 'status',
      status: 503,
      match: (request) => request.method === 'PUT',
    });
    expect((await fetch(`${proxy.url}/bucket`)).status).toBe(200);
    const faulted = await put(proxy, '/bucket/key', 'x');
    expect(faulted.status).toBe(503);
    expect(await faulted.text()).toContain('<title>503 Service Unavailable</title>');
    expect(target.received.map((received) => received.method)).toEqual(['GET']);
    expect(proxy.stats()).toMatchObject({ requests: 2, forwarded: 1, faultsApplied: 1 });
  });

  it('resets, hangs, delays and loses responses on script', async () => {
    const { target, proxy } = await setup();
    proxy.injectFault({ kind: 'reset' });
    await expect(put(proxy, '/bucket/reset', 'x')).rejects.toThrow('fetch failed');

    proxy.injectFault({ kind: 'hang' });
    await expect(
      fetch(`${proxy.url}/bucket/hang`, {
        method: 'PUT',
        body: 'x',
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow('The operation was aborted due to timeout');

    proxy.injectFault({ kind: 'lost-response' });
    await expect(put(proxy, '/bucket/lost', 'x')).rejects.toThrow('fetch failed');

    proxy.injectFault({ kind: 'delay', ms: 100 });
    const started = performance.now();
    expect((await put(proxy, '/bucket/slow', 'x')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);

    expect(target.received.map((received) => received.url)).toEqual([
      '/bucket/lost',
      '/bucket/slow',
    ]);
  });

  it('answers 413 above maxRequestBytes without forwarding, for declared and chunked lengths', async () => {
    const { target, proxy } = await setup({ maxRequestBytes: 1000 });
    const declared = await put(proxy, '/bucket/big', 'x'.repeat(1001));
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain('<title>413 Payload Too Large</title>');

    const url = new URL(proxy.url);
    const chunkedStatus = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({
        hostname: url.hostname,
        port: url.port,
        method: 'PUT',
        path: '/bucket/chunked',
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.write('y'.repeat(800));
      request.end('y'.repeat(800));
    });
    expect(chunkedStatus).toBe(413);
    expect(target.received).toEqual([]);
    expect(proxy.stats().largestRequestBytes).toBe(1600);
  });

  it('answers 502 with an HTML page when the target is down', async () => {
    const proxy = await startFaultProxy({ target: 'http://127.0.0.1:9' });
    opened.push(proxy);
    const response = await fetch(`${proxy.url}/bucket`);
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('<title>502 Bad Gateway</title>');
    expect(proxy.stats().upstreamErrors).toBe(1);
  });

  it.each([
    [
      { target: 'https://s3.amazonaws.com' },
      'startFaultProxy: option target must be an http:// URL (the proxy does not speak TLS); received "https://s3.amazonaws.com"',
    ],
    [
      { target: 'not a url' },
      'startFaultProxy: option target must be an http:// URL; received "not a url"',
    ],
    [
      { target: 'http://127.0.0.1:1', maxRequestBytes: 0 },
      'startFaultProxy: option maxRequestBytes must be a positive integer; received 0',
    ],
  ])('rejects %j', async (options, message) => {
    await expect(startFaultProxy(options)).rejects.toThrow(message);
  });
});
