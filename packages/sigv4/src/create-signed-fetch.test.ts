import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequestSigner, type RequestSignerOptions } from './create-request-signer';
import { createSignedFetch } from './create-signed-fetch';
import { SigningError } from './errors';

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const received: ReceivedRequest[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const status = /\/status\/(\d{3})/.exec(request.url ?? '')?.[1];
      response.writeHead(status === undefined ? 200 : Number(status), {
        'content-type': 'application/json',
      });
      response.end('{"acknowledged":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
});

beforeEach(() => {
  received.length = 0;
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function computeSha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Verifies a received request the way AWS does: rebuild it from what arrived on the wire (only the
 * headers its Authorization lists, the received body bytes, the x-amz-date it carries), sign it
 * again and compare. The payload hash is recomputed from the received body, not taken from the
 * request's own x-amz-content-sha256 header.
 */
async function expectValidSignature(request: ReceivedRequest, signerOptions: RequestSignerOptions) {
  const authorization = String(request.headers.authorization);
  const signedHeaderNames = /SignedHeaders=([^,]+),/.exec(authorization)?.[1]?.split(';') ?? [];
  const recomputed = new Set(['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']);
  const headers = Object.fromEntries(
    signedHeaderNames
      .filter((name) => !recomputed.has(name))
      .map((name) => [name, String(request.headers[name])]),
  );
  const amzDate = String(request.headers['x-amz-date']);
  const signingDate = new Date(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  const resigned = await createRequestSigner(signerOptions).sign(
    {
      method: request.method,
      url: `${origin}${request.url}`,
      headers,
      body: request.body.length === 0 ? undefined : request.body,
    },
    { signingDate },
  );
  expect(resigned.headers.authorization).toBe(authorization);
}

describe('createSignedFetch', () => {
  it('sends gzip bytes exactly as signed, with content-encoding among the signed headers', async () => {
    const options = { region: 'eu-west-1', service: 'es', credentials };
    const compressed = gzipSync('{"create":{}}\n{"message":"é"}\n'.repeat(20));
    const response = await createSignedFetch(options)(`${origin}/_bulk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-ndjson', 'Content-Encoding': 'gzip' },
      body: compressed,
    });

    expect(response.status).toBe(200);
    const [request] = received;
    expect(request!.body.equals(compressed)).toBe(true);
    expect(request!.headers['content-encoding']).toBe('gzip');
    expect(String(request!.headers.authorization)).toContain(
      'SignedHeaders=content-encoding;content-type;host;x-amz-date,',
    );
    await expectValidSignature(request!, options);
  });

  it('sends x-amz-content-sha256 equal to the SHA-256 of the received body (OpenSearch Serverless)', async () => {
    const options = { region: 'us-east-1', service: 'aoss', credentials };
    await createSignedFetch(options)(`${origin}/logs/_doc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"message":"naïve ☃ 𝄞"}',
    });

    const [request] = received;
    expect(request!.headers['x-amz-content-sha256']).toBe(computeSha256Hex(request!.body));
    expect(request!.body.toString('utf8')).toBe('{"message":"naïve ☃ 𝄞"}');
    await expectValidSignature(request!, options);
  });

  it('sends the strictly re-encoded S3 path and query it signed', async () => {
    const options = { region: 'eu-central-1', service: 's3', credentials };
    await createSignedFetch(options)(`${origin}/bucket/logs/a b(1).json?x-id=PutObject&tag=a+b`, {
      method: 'PUT',
      body: new TextEncoder().encode('{}'),
    });

    const [request] = received;
    expect(request!.url).toBe('/bucket/logs/a%20b%281%29.json?x-id=PutObject&tag=a%20b');
    expect(request!.headers['x-amz-content-sha256']).toBe(computeSha256Hex(request!.body));
    await expectValidSignature(request!, options);
  });

  it('sends exactly the bytes of an ArrayBuffer or of a DataView window', async () => {
    const options = { region: 'us-east-1', service: 'aoss', credentials };
    const signedFetch = createSignedFetch(options);
    const backing = Uint8Array.from([9, 8, 7, 6, 5, 4, 3, 2]);
    await signedFetch(`${origin}/a`, { method: 'PUT', body: backing.slice(2, 6).buffer });
    await signedFetch(`${origin}/b`, { method: 'PUT', body: new DataView(backing.buffer, 2, 4) });

    for (const request of received) {
      expect([...request.body]).toEqual([7, 6, 5, 4]);
      await expectValidSignature(request, options);
    }
  });

  it('signs a Request input and its headers, and tuple headers in init', async () => {
    const options = { region: 'eu-west-1', service: 'es', credentials };
    const signedFetch = createSignedFetch(options);
    await signedFetch(
      new Request(`${origin}/logs-2025`, { method: 'DELETE', headers: { 'x-opaque-id': 'r1' } }),
    );
    await signedFetch(`${origin}/_search`, { headers: [['x-opaque-id', 'r2']] });

    expect(received.map((request) => [request.method, request.headers['x-opaque-id']])).toEqual([
      ['DELETE', 'r1'],
      ['GET', 'r2'],
    ]);
    for (const request of received) await expectValidSignature(request, options);
  });

  it('reads credentials from the environment at call time and sends the session token', async () => {
    const options = { region: 'eu-west-1', service: 'es' };
    const signedFetch = createSignedFetch(options);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE1');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', 'lambda-session-token');
    await signedFetch(`${origin}/`);

    const [request] = received;
    expect(request!.headers['x-amz-security-token']).toBe('lambda-session-token');
    expect(String(request!.headers.authorization)).toContain('Credential=ASIAEXAMPLE1/');
    await expectValidSignature(request!, {
      ...options,
      credentials: {
        accessKeyId: 'ASIAEXAMPLE1',
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: 'lambda-session-token',
      },
    });
  });

  it('is checked by a verifier that notices a body or header changed in transit', async () => {
    const options = { region: 'us-east-1', service: 'aoss', credentials };
    await createSignedFetch(options)(`${origin}/logs/_doc`, {
      method: 'POST',
      headers: { 'x-tenant': 'blue' },
      body: 'original',
    });
    const [request] = received;
    await expectValidSignature(request!, options);
    await expect(
      expectValidSignature({ ...request!, body: Buffer.from('tampered') }, options),
    ).rejects.toThrow();
    await expect(
      expectValidSignature(
        { ...request!, headers: { ...request!.headers, 'x-tenant': 'red' } },
        options,
      ),
    ).rejects.toThrow();
  });

  it('returns HTTP error responses unchanged', async () => {
    const response = await createSignedFetch({ region: 'eu-west-1', service: 'es', credentials })(
      `${origin}/status/403`,
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ acknowledged: true });
  });

  it('calls the given fetch with the signed URL and headers, leaving host to fetch', async () => {
    const fetchSpy = vi.fn(async () => new Response('ok'));
    const signedFetch = createSignedFetch({ credentials, fetch: fetchSpy });
    const controller = new AbortController();
    await signedFetch('https://search-logs-abc123.eu-west-1.es.amazonaws.com/_search?q=a b', {
      method: 'post',
      body: '{}',
      signal: controller.signal,
    });

    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://search-logs-abc123.eu-west-1.es.amazonaws.com/_search?q=a%20b');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{}');
    expect(init.signal).toBe(controller.signal);
    const headers = init.headers as Record<string, string>;
    expect(Object.keys(headers).sort()).toEqual(['authorization', 'x-amz-date']);
    expect(headers.authorization).toContain(
      '/eu-west-1/es/aws4_request, SignedHeaders=host;x-amz-date,',
    );
  });

  describe('rejects before calling fetch', () => {
    const fetchSpy = vi.fn(async () => new Response('ok'));
    const signedFetch = createSignedFetch({
      region: 'eu-west-1',
      service: 'es',
      credentials,
      fetch: fetchSpy,
    });

    afterEach(() => {
      expect(fetchSpy).not.toHaveBeenCalled();
    });

    it('a stream body with unsupported-body', async () => {
      const body = new ReadableStream({ start: (controller) => controller.close() });
      await expect(
        signedFetch('https://logs.example.com/_bulk', {
          method: 'POST',
          body,
          duplex: 'half',
        } as RequestInit),
      ).rejects.toMatchObject({ name: 'SigningError', code: 'unsupported-body' });
    });

    it('a Request that carries its body with unsupported-body', async () => {
      const request = new Request('https://logs.example.com/_bulk', { method: 'POST', body: 'x' });
      const error = await signedFetch(request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SigningError);
      expect(error).toMatchObject({ code: 'unsupported-body' });
      expect((error as Error).message).toBe(
        'A Request\'s body is a stream, which cannot be hashed before it is sent; pass the body as a string or Uint8Array in the init argument instead (received a Request with a body for "POST").',
      );
    });

    it('a host header fetch would not send with invalid-request', async () => {
      const error = await signedFetch('https://logs.example.com/', {
        headers: { host: 'other.example.com' },
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'invalid-request' });
      expect((error as Error).message).toBe(
        'fetch always sends the URL\'s host ("logs.example.com") and cannot send the host header "other.example.com"; drop the header, or sign with createRequestSigner and send with an HTTP client that can set Host.',
      );
    });

    it('headers the Headers class refuses with invalid-request and the cause', async () => {
      const error = await signedFetch('https://logs.example.com/', {
        headers: { 'bad name': 'x' },
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'invalid-request' });
      expect((error as Error).cause).toBeInstanceOf(TypeError);
    });
  });

  it('rejects a fetch option that is not a function at construction', () => {
    expect(() => createSignedFetch({ fetch: 'fetch' as never })).toThrow(
      new SigningError('The "fetch" option must be a fetch function, received "fetch".', {
        code: 'invalid-options',
      }),
    );
  });
});
