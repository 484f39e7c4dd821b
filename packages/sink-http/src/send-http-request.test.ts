import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendHttpRequest } from './send-http-request';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/path`);
}

describe('sendHttpRequest', () => {
  it('sends the body with a content-length and keeps at most 8 KiB of the answer', async () => {
    let received = '';
    const url = await listen((request, response) => {
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        received += chunk;
      });
      request.on('end', () => {
        response.writeHead(400, { 'x-request-length': String(request.headers['content-length']) });
        response.end('e'.repeat(20_000));
      });
    });

    const exchange = await sendHttpRequest({
      url,
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: Buffer.from('héllo'),
      timeoutMs: 2000,
    });

    expect(received).toBe('héllo');
    expect(exchange).toMatchObject({ kind: 'response', status: 400, sent: true });
    expect(exchange.kind === 'response' && exchange.headers['x-request-length']).toBe('6');
    expect(exchange.kind === 'response' && exchange.bodyText).toBe('e'.repeat(8192));
  });

  it('sends no content-length without a body', async () => {
    let length: string | undefined = 'unset';
    const url = await listen((request, response) => {
      length = request.headers['content-length'];
      response.end();
    });

    await sendHttpRequest({ url, method: 'GET', headers: {}, timeoutMs: 2000 });

    expect(length).toBeUndefined();
  });

  it('ends with timeout, sent, when the server reads the request and never answers', async () => {
    const url = await listen((request) => {
      request.resume();
    });
    const exchange = await sendHttpRequest({
      url,
      method: 'POST',
      headers: {},
      body: Buffer.from('x'),
      timeoutMs: 100,
    });
    expect(exchange).toEqual({ kind: 'timeout', error: undefined, sent: true });
  });

  it('ends with aborted as soon as the signal fires', async () => {
    const url = await listen(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    const exchange = await sendHttpRequest({
      url,
      method: 'GET',
      headers: {},
      timeoutMs: 5000,
      signal: controller.signal,
    });
    expect(exchange.kind).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('ends with network, not sent, when nothing listens', async () => {
    const url = await listen(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const exchange = await sendHttpRequest({
      url,
      method: 'POST',
      headers: {},
      body: Buffer.from('x'),
      timeoutMs: 2000,
    });
    expect(exchange).toMatchObject({ kind: 'network', sent: false });
    expect((exchange as { error: { code?: string } }).error.code).toBe('ECONNREFUSED');
  });
});
