import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequestSigner } from './create-request-signer';
import { SigningError } from './errors';
import type { SignedRequest } from './signed-request';

const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey };
const signingDate = new Date('2015-08-30T12:36:00Z');
const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const domain = 'https://search-logs-abc123.eu-west-1.es.amazonaws.com';

function computeSha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseAuthorization(signed: SignedRequest) {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      signed.headers.authorization ?? '',
    );
  if (match === null) throw new Error(`unexpected authorization ${signed.headers.authorization}`);
  return {
    region: match[3],
    service: match[4],
    signedHeaders: match[5]!.split(';'),
    signature: match[6],
  };
}

async function catchError(promise: Promise<unknown>): Promise<SigningError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SigningError);
  return error as SigningError;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createRequestSigner', () => {
  // The examples of the Amazon S3 API reference ("Signature Calculations for the Authorization
  // Header: Transferring Payload in a Single Chunk"). Region and service are inferred from the
  // virtual-hosted URL. (Its PUT Object example signs a `date` header, which the SDK signer always
  // replaces with x-amz-date, so it cannot be reproduced here.)
  describe('Amazon S3 documentation examples', () => {
    const s3Credentials = {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    };
    it.each([
      {
        example: 'GET Object',
        url: 'https://examplebucket.s3.amazonaws.com/test.txt',
        headers: { Range: 'bytes=0-9' },
        signedHeaders: 'host;range;x-amz-content-sha256;x-amz-date',
        signature: 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
      },
      {
        example: 'GET Bucket Lifecycle',
        url: 'https://examplebucket.s3.amazonaws.com/?lifecycle',
        headers: {},
        signedHeaders: 'host;x-amz-content-sha256;x-amz-date',
        signature: 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
      },
      {
        example: 'GET Bucket (List Objects)',
        url: 'https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2',
        headers: {},
        signedHeaders: 'host;x-amz-content-sha256;x-amz-date',
        signature: '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
      },
    ])('reproduces $example', async ({ url, headers, signedHeaders, signature }) => {
      const signer = createRequestSigner({ credentials: s3Credentials });
      const signed = await signer.sign(
        { method: 'GET', url, headers: headers as Record<string, string> },
        { signingDate: new Date('2013-05-24T00:00:00Z') },
      );
      expect(signed.headers.authorization).toBe(
        `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`,
      );
      expect(signed.headers['x-amz-content-sha256']).toBe(emptySha256);
    });
  });

  describe('region and service', () => {
    it('infers them from an OpenSearch domain URL', async () => {
      const signed = await createRequestSigner({ credentials }).sign(
        { method: 'GET', url: `${domain}/_cluster/health` },
        { signingDate },
      );
      expect(parseAuthorization(signed)).toMatchObject({ region: 'eu-west-1', service: 'es' });
    });

    it('lets explicit options win over the URL', async () => {
      const signer = createRequestSigner({ credentials, region: 'eu-central-1', service: 'aoss' });
      const signed = await signer.sign({ method: 'GET', url: `${domain}/` }, { signingDate });
      expect(parseAuthorization(signed)).toMatchObject({ region: 'eu-central-1', service: 'aoss' });
    });

    it('combines an explicit service with the region from the URL', async () => {
      const signer = createRequestSigner({ credentials, service: 'opensearch' });
      const signed = await signer.sign({ method: 'GET', url: `${domain}/` }, { signingDate });
      expect(parseAuthorization(signed)).toMatchObject({
        region: 'eu-west-1',
        service: 'opensearch',
      });
    });

    it('signs custom endpoints with explicit options', async () => {
      const signer = createRequestSigner({ credentials, region: 'cn-north-1', service: 'es' });
      const signed = await signer.sign(
        { method: 'GET', url: 'https://logs.example.com/' },
        { signingDate },
      );
      expect(parseAuthorization(signed)).toMatchObject({ region: 'cn-north-1', service: 'es' });
      expect(signed.headers.host).toBe('logs.example.com');
    });

    it('throws missing-service for a custom endpoint, naming the URL but not its query', async () => {
      const error = await catchError(
        createRequestSigner({ credentials }).sign({
          method: 'GET',
          url: 'https://logs.example.com:9200/_bulk?token=hunter2#top',
        }),
      );
      expect(error.code).toBe('missing-service');
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(
        'Cannot tell which AWS service "https://logs.example.com:9200/_bulk" belongs to: it is not a recognised AWS endpoint host. Set the "service" option (for example "es" for OpenSearch, "aoss" for OpenSearch Serverless, "s3").',
      );
    });

    it('throws missing-region for a custom endpoint with only a service', async () => {
      const error = await catchError(
        createRequestSigner({ credentials, service: 'es' }).sign({
          method: 'GET',
          url: 'https://logs.example.com/',
        }),
      );
      expect(error.code).toBe('missing-region');
      expect(error.message).toBe(
        'Cannot tell which AWS region to sign "https://logs.example.com/" for: it is not a recognised AWS endpoint host. Set the "region" option (for example "eu-west-1").',
      );
    });

    it('throws missing-region for a global endpoint that does not name the region', async () => {
      const error = await catchError(
        createRequestSigner({ credentials }).sign({
          method: 'GET',
          url: 'https://my-bucket.s3-accelerate.amazonaws.com/a.gz',
        }),
      );
      expect(error.code).toBe('missing-region');
      expect(error.message).toContain('its host does not name a region');
    });
  });

  describe('x-amz-content-sha256', () => {
    const body = '{"index":{}}\n{"message":"héllo"}\n';

    it('is not added for es (the test-suite default for any non-S3 service)', async () => {
      const signed = await createRequestSigner({ credentials }).sign(
        { method: 'POST', url: `${domain}/_bulk`, body },
        { signingDate },
      );
      expect(signed.headers['x-amz-content-sha256']).toBeUndefined();
      expect(parseAuthorization(signed).signedHeaders).toEqual(['host', 'x-amz-date']);
    });

    it.each([
      ['aoss', 'https://abc123.us-east-1.aoss.amazonaws.com/logs/_doc'],
      ['s3', 'https://my-bucket.s3.eu-west-1.amazonaws.com/logs/a.json'],
    ])('is added and signed for %s, as the hash of the UTF-8 body', async (_service, url) => {
      const signed = await createRequestSigner({ credentials }).sign(
        { method: 'PUT', url, body },
        { signingDate },
      );
      expect(signed.headers['x-amz-content-sha256']).toBe(
        computeSha256Hex(Buffer.from(body, 'utf8')),
      );
      expect(parseAuthorization(signed).signedHeaders).toEqual([
        'host',
        'x-amz-content-sha256',
        'x-amz-date',
      ]);
    });

    it('is the empty-payload hash for an OpenSearch Serverless GET without body', async () => {
      const signed = await createRequestSigner({ credentials }).sign(
        { method: 'GET', url: 'https://abc123.us-east-1.aoss.amazonaws.com/_search' },
        { signingDate },
      );
      expect(signed.headers['x-amz-content-sha256']).toBe(emptySha256);
    });

    it('follows an explicit applyChecksum either way', async () => {
      const withChecksum = await createRequestSigner({ credentials, applyChecksum: true }).sign(
        { method: 'POST', url: `${domain}/_bulk`, body },
        { signingDate },
      );
      expect(withChecksum.headers['x-amz-content-sha256']).toBe(computeSha256Hex(body));
      const withoutChecksum = await createRequestSigner({ credentials, applyChecksum: false }).sign(
        { method: 'PUT', url: 'https://my-bucket.s3.eu-west-1.amazonaws.com/a', body },
        { signingDate },
      );
      expect(withoutChecksum.headers['x-amz-content-sha256']).toBeUndefined();
    });

    it('keeps a caller-provided UNSIGNED-PAYLOAD for S3 and signs it', async () => {
      const signed = await createRequestSigner({ credentials }).sign(
        {
          method: 'PUT',
          url: 'https://my-bucket.s3.eu-west-1.amazonaws.com/a',
          headers: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
          body,
        },
        { signingDate },
      );
      expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
      expect(parseAuthorization(signed).signedHeaders).toContain('x-amz-content-sha256');
    });
  });

  describe('body', () => {
    const aossUrl = 'https://abc123.us-east-1.aoss.amazonaws.com/_bulk';

    it('signs a gzip body as the compressed bytes, with content-encoding signed too', async () => {
      const ndjson = '{"create":{"_id":"1"}}\n{"message":"x"}\n'.repeat(50);
      const compressed = gzipSync(ndjson);
      const signer = createRequestSigner({ credentials });
      const signed = await signer.sign(
        {
          method: 'POST',
          url: aossUrl,
          headers: { 'Content-Type': 'application/x-ndjson', 'Content-Encoding': 'gzip' },
          body: compressed,
        },
        { signingDate },
      );
      expect(signed.body).toBe(compressed);
      expect(signed.headers['x-amz-content-sha256']).toBe(computeSha256Hex(compressed));
      expect(parseAuthorization(signed).signedHeaders).toEqual([
        'content-encoding',
        'content-type',
        'host',
        'x-amz-content-sha256',
        'x-amz-date',
      ]);
      const uncompressed = await signer.sign(
        {
          method: 'POST',
          url: aossUrl,
          headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
          body: ndjson,
        },
        { signingDate },
      );
      expect(parseAuthorization(uncompressed).signature).not.toBe(
        parseAuthorization(signed).signature,
      );
    });

    it('hashes exactly the bytes of an ArrayBuffer, a DataView window or a Buffer slice', async () => {
      const backing = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const window = backing.subarray(3, 7);
      const signer = createRequestSigner({ credentials });
      for (const body of [
        window.slice().buffer,
        new DataView(backing.buffer, 3, 4),
        Buffer.from(backing.buffer, 3, 4),
        window,
      ]) {
        const signed = await signer.sign({ method: 'PUT', url: aossUrl, body }, { signingDate });
        expect(signed.body).toBeInstanceOf(Uint8Array);
        expect([...(signed.body as Uint8Array)]).toEqual([3, 4, 5, 6]);
        expect(signed.headers['x-amz-content-sha256']).toBe(computeSha256Hex(window));
      }
    });

    it.each([
      ['a ReadableStream', new ReadableStream(), 'a ReadableStream'],
      ['a Blob', new Blob(['x']), 'a Blob'],
      ['URLSearchParams', new URLSearchParams('a=1'), 'a URLSearchParams'],
      ['a number', 42, 'number 42'],
    ])('rejects %s with unsupported-body', async (_kind, body, received) => {
      const error = await catchError(
        createRequestSigner({ credentials }).sign({
          method: 'POST',
          url: aossUrl,
          body: body as never,
        }),
      );
      expect(error.code).toBe('unsupported-body');
      expect(error.message).toBe(
        `SigV4 hashes the body before sending it, so the body must be a string, a Uint8Array (or other ArrayBufferView) or an ArrayBuffer, received ${received}. Read a stream or Blob into a Uint8Array first, or send URLSearchParams as a string with its content-type header.`,
      );
    });
  });

  describe('URL', () => {
    const signer = createRequestSigner({ credentials });
    async function signGet(url: string) {
      return signer.sign({ method: 'GET', url }, { signingDate });
    }

    it('re-encodes S3 paths strictly, once, without normalising them', async () => {
      const bucket = 'https://my-bucket.s3.eu-west-1.amazonaws.com';
      const raw = await signGet(`${bucket}/logs//a b/(x)!*'~.gz`);
      expect(raw.url).toBe(`${bucket}/logs//a%20b/%28x%29%21%2A%27~.gz`);
      // Whatever the caller's encoding, the same key is signed the same way.
      const encoded = await signGet(`${bucket}/logs//a%20b/%28x%29%21%2A%27%7E.gz`);
      expect(encoded.url).toBe(raw.url);
      expect(encoded.headers.authorization).toBe(raw.headers.authorization);
      // S3 keys may contain "//": it must not be collapsed.
      const collapsed = await signGet(`${bucket}/logs/a%20b/%28x%29%21%2A%27~.gz`);
      expect(collapsed.headers.authorization).not.toBe(raw.headers.authorization);
    });

    it('keeps non-S3 paths as sent and lets the canonical form normalise them', async () => {
      const doubled = await signGet(`${domain}/logs//_search`);
      const single = await signGet(`${domain}/logs/_search`);
      expect(doubled.url).toBe(`${domain}/logs//_search`);
      expect(doubled.headers.authorization).toBe(single.headers.authorization);
    });

    it('re-encodes the query strictly, in the original order, reading "+" as a space', async () => {
      const signed = await signGet(
        `${domain}/_search?b=2&a=x y&c=(1)&plus=a+b&literal=%2B&flag#fragment`,
      );
      expect(signed.url).toBe(
        `${domain}/_search?b=2&a=x%20y&c=%281%29&plus=a%20b&literal=%2B&flag=`,
      );
      const again = await signGet(signed.url);
      expect(again.url).toBe(signed.url);
      expect(again.headers.authorization).toBe(signed.headers.authorization);
    });

    it('accepts URL objects and keeps a non-default port in the host header', async () => {
      const signed = await createRequestSigner({
        credentials,
        region: 'us-east-1',
        service: 'es',
      }).sign(
        { method: 'GET', url: new URL('http://localhost:9200/_cat/indices?v') },
        { signingDate },
      );
      expect(signed.url).toBe('http://localhost:9200/_cat/indices?v=');
      expect(signed.headers.host).toBe('localhost:9200');
    });

    it.each([
      [
        'not a URL',
        'search-x.us-east-1.es.amazonaws.com/',
        'The request URL must be an absolute http: or https: URL, received "search-x.us-east-1.es.amazonaws.com/".',
      ],
      [
        'an ftp URL',
        'ftp://example.amazonaws.com/',
        'The request URL must use http: or https:, received "ftp:".',
      ],
      [
        'a URL with a password',
        'https://admin:hunter2@logs.example.com/',
        'The request URL must not contain a user name or password (SigV4 authenticates with the Authorization header), received one for host "logs.example.com".',
      ],
      [
        'an unparseable URL with a password',
        'https://admin:hunter2@[bad/',
        'The request URL must be an absolute http: or https: URL, received "https://[redacted]@[bad/".',
      ],
      ['a number', 42, 'The request URL must be a string or a URL, received number 42.'],
      [
        'a bad percent sequence in an S3 key',
        'https://b.s3.eu-west-1.amazonaws.com/a%zz',
        'Every "%" in an S3 URL path must start a valid percent-encoded UTF-8 sequence (write a literal "%" as "%25"), received the path segment "a%zz".',
      ],
    ])('rejects %s with invalid-url', async (_kind, url, message) => {
      const error = await catchError(signer.sign({ method: 'GET', url: url as never }));
      expect(error.code).toBe('invalid-url');
      expect(error.message).toBe(message);
    });
  });

  describe('headers', () => {
    const signer = createRequestSigner({ credentials });

    it('signs a Headers instance and a plain object identically, lower-casing names and trimming values', async () => {
      const fromRecord = await signer.sign(
        {
          method: 'GET',
          url: `${domain}/`,
          headers: { 'X-Custom': '  a   b  ', Accept: 'application/json' },
        },
        { signingDate },
      );
      const fromHeaders = await signer.sign(
        {
          method: 'GET',
          url: `${domain}/`,
          headers: new Headers({ accept: 'application/json', 'x-custom': 'a   b' }),
        },
        { signingDate },
      );
      expect(fromRecord.headers).toEqual(fromHeaders.headers);
      expect(fromRecord.headers['x-custom']).toBe('a   b');
      expect(Object.keys(fromRecord.headers).sort()).toEqual([
        'accept',
        'authorization',
        'host',
        'x-amz-date',
        'x-custom',
      ]);
    });

    it('replaces caller-provided authorization, date and x-amz-date', async () => {
      const signed = await signer.sign(
        {
          method: 'GET',
          url: `${domain}/`,
          headers: {
            Authorization: 'Basic x',
            Date: 'Mon, 01 Jan 2001 00:00:00 GMT',
            'X-Amz-Date': '20010101T000000Z',
          },
        },
        { signingDate },
      );
      expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
      expect(signed.headers.date).toBeUndefined();
      expect(signed.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    });

    it('signs a caller-provided host instead of the URL host', async () => {
      const signed = await createRequestSigner({
        credentials,
        region: 'eu-west-1',
        service: 'es',
      }).sign(
        {
          method: 'GET',
          url: 'https://localhost:9200/',
          headers: { Host: 'search-logs-abc123.eu-west-1.es.amazonaws.com' },
        },
        { signingDate },
      );
      expect(signed.headers.host).toBe('search-logs-abc123.eu-west-1.es.amazonaws.com');
      const direct = await signer.sign({ method: 'GET', url: `${domain}/` }, { signingDate });
      expect(signed.headers.authorization).toBe(direct.headers.authorization);
    });

    it('adds and signs x-amz-security-token for temporary credentials', async () => {
      const signed = await createRequestSigner({
        credentials: { ...credentials, sessionToken: 'token-value' },
      }).sign({ method: 'GET', url: `${domain}/` }, { signingDate });
      expect(signed.headers['x-amz-security-token']).toBe('token-value');
      expect(parseAuthorization(signed).signedHeaders).toContain('x-amz-security-token');
    });

    it.each([
      [
        { 'bad name': 'x' },
        'Header names must be HTTP tokens (letters, digits and !#$%&\'*+-.^_`|~), received "bad name".',
      ],
      [{ 'x-count': 3 }, 'The value of header "x-count" must be a string, received number 3.'],
      [
        { 'x-injected': 'a\r\nx-evil: 1' },
        'The value of header "x-injected" must not contain CR, LF or NUL characters, received "a\\r\\nx-evil: 1".',
      ],
      [
        { 'Content-Type': 'a', 'content-type': 'b' },
        'Header "content-type" is given twice with different letter case; give it once (join several values with ",").',
      ],
      [
        [['a', 'b']],
        'Request headers must be a plain object of strings or a Headers instance, received an Array.',
      ],
    ])('rejects bad headers %# with invalid-request', async (headers, message) => {
      const error = await catchError(
        signer.sign({ method: 'GET', url: `${domain}/`, headers: headers as never }),
      );
      expect(error.code).toBe('invalid-request');
      expect(error.message).toBe(message);
    });
  });

  describe('method', () => {
    const signer = createRequestSigner({ credentials });

    it('upper-cases the methods fetch upper-cases and keeps others as written', async () => {
      const post = await signer.sign({ method: 'post', url: `${domain}/` }, { signingDate });
      expect(post.method).toBe('POST');
      const upper = await signer.sign({ method: 'POST', url: `${domain}/` }, { signingDate });
      expect(post.headers.authorization).toBe(upper.headers.authorization);
      expect(
        (await signer.sign({ method: 'patch', url: `${domain}/` }, { signingDate })).method,
      ).toBe('patch');
    });

    it('rejects a method that is not an HTTP token', async () => {
      const error = await catchError(signer.sign({ method: 'GE T', url: `${domain}/` }));
      expect(error).toMatchObject({ code: 'invalid-request' });
      expect(error.message).toBe(
        'The request method must be an HTTP token such as "GET" or "POST", received "GE T".',
      );
    });
  });

  it('rejects an invalid signing date', async () => {
    const error = await catchError(
      createRequestSigner({ credentials }).sign(
        { method: 'GET', url: `${domain}/` },
        { signingDate: new Date('nope') },
      ),
    );
    expect(error.code).toBe('invalid-request');
    expect(error.message).toBe('The "signingDate" option must be a valid Date, received a Date.');
  });

  it.each([
    [
      { region: 'us east 1' },
      'The "region" option must be a non-empty string of letters, digits and dashes (it becomes part of the credential scope), received "us east 1".',
    ],
    [
      { service: '' },
      'The "service" option must be a non-empty string of letters, digits and dashes, dots or underscores (it becomes part of the credential scope), received "".',
    ],
    [
      { service: 'es/x' },
      'The "service" option must be a non-empty string of letters, digits and dashes, dots or underscores (it becomes part of the credential scope), received "es/x".',
    ],
    [{ applyChecksum: 'yes' }, 'The "applyChecksum" option must be a boolean, received "yes".'],
    [{ uriEscapePath: 1 }, 'The "uriEscapePath" option must be a boolean, received number 1.'],
    [
      { credentials: 42 },
      'The "credentials" option must be an AWS SDK credentials provider function or an object with string accessKeyId and secretAccessKey, but received number 42.',
    ],
  ])('rejects bad options %# at construction with invalid-options', (options, message) => {
    expect(() => createRequestSigner(options as never)).toThrow(
      new SigningError(message, { code: 'invalid-options' }),
    );
  });

  it('wraps an unexpected failure of the SDK signer as signing-failed with cause', async () => {
    const failure = new TypeError('boom');
    vi.spyOn(SignatureV4.prototype, 'sign').mockRejectedValue(failure);
    const error = await catchError(
      createRequestSigner({ credentials }).sign({ method: 'GET', url: `${domain}/x` }),
    );
    expect(error).toMatchObject({ code: 'signing-failed', cause: failure });
    expect(error.message).toBe(`Signing GET "${domain}/x" failed in @smithy/signature-v4: "boom".`);
  });

  it('never shows credentials in inspect or JSON output', () => {
    const signer = createRequestSigner({
      region: 'eu-west-1',
      service: 'es',
      credentials: { ...credentials, sessionToken: 'session-token-secret' },
    });
    for (const rendering of [inspect(signer, { depth: 10 }), JSON.stringify(signer)]) {
      expect(rendering).not.toContain(secretAccessKey);
      expect(rendering).not.toContain('session-token-secret');
      expect(rendering).not.toContain('AKIDEXAMPLE');
      expect(rendering).toContain('AKID…');
    }
    expect(JSON.parse(JSON.stringify(signer))).toEqual({
      region: 'eu-west-1',
      service: 'es',
      credentials: {
        source: 'static',
        credentials: {
          accessKeyId: 'AKID…',
          secretAccessKey: '[redacted]',
          sessionToken: '[redacted]',
        },
      },
    });
  });
});

describe('createRequestSigner sha256 option', () => {
  const request = {
    method: 'POST',
    url: 'https://abc123.eu-west-1.aoss.amazonaws.com/_bulk',
    headers: { 'content-type': 'application/x-ndjson' },
    body: new Uint8Array(Array.from({ length: 70_000 }, (_, index) => index % 251)),
  };
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-for-sha256-test' };
  const signingDate = new Date('2025-01-01T00:00:00Z');

  it('signs identically with the native and the portable SHA-256', async () => {
    const native = await createRequestSigner({ credentials, sha256: 'native' }).sign(request, {
      signingDate,
    });
    const portable = await createRequestSigner({ credentials, sha256: 'portable' }).sign(request, {
      signingDate,
    });
    expect(native.headers['x-amz-content-sha256']).toBe(
      createHash('sha256').update(request.body).digest('hex'),
    );
    expect(native.headers).toEqual(portable.headers);
  });

  it('rejects an unknown sha256 option naming it', () => {
    expect(() => createRequestSigner({ sha256: 'md5' as never })).toThrow(
      expect.objectContaining({
        code: 'invalid-options',
        message: expect.stringContaining('"sha256"'),
      }),
    );
  });
});
