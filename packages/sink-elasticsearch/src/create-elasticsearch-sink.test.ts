import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { inspect } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { isSinkError, type SinkRecord } from '@logferry/sink';
import {
  createTestRecords,
  type FakeElasticsearch,
  startFakeElasticsearch,
} from '@logferry/sink-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_NDJSON_LINES, SAMPLE_RECORDS } from './__tests__/sample-records';
import {
  createSignatureVerifier,
  SIGV4_REGION,
  TEST_CREDENTIALS,
} from './__tests__/setup-conformance-harness';
import { startConnectionCounter } from './__tests__/start-connection-counter';
import { createElasticsearchSink } from './create-elasticsearch-sink';
import type { ElasticsearchSinkOptions } from './elasticsearch-sink-options';

const BULK_QUERY = 'filter_path=errors%2Citems.%2A.status%2Citems.%2A.error';
const SIGV4_CREDENTIALS = {
  accessKeyId: TEST_CREDENTIALS.accessKeyId,
  secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
  sessionToken: TEST_CREDENTIALS.sessionToken,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startFake(
  options: Parameters<typeof startFakeElasticsearch>[0] = {},
): Promise<FakeElasticsearch> {
  const fake = await startFakeElasticsearch(options);
  cleanups.push(() => fake.close());
  return fake;
}

function createSink(options: ElasticsearchSinkOptions) {
  const sink = createElasticsearchSink(options);
  cleanups.push(() => sink.close());
  return sink;
}

function lastRequest(fake: FakeElasticsearch) {
  const request = fake.requests().at(-1);
  if (request === undefined) throw new Error('the fake received no request');
  return request;
}

async function expectSinkError(
  promise: Promise<unknown>,
  expected: { code: string; retryable: boolean; httpStatus?: number },
) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isSinkError(error)).toBe(true);
  expect(error).toMatchObject({ sink: 'elasticsearch', ...expected });
  return error as Error;
}

describe('createElasticsearchSink', () => {
  describe('protocol', () => {
    it('posts create actions with event ids as NDJSON to /_bulk with filter_path', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' }, compression: 'none' });

      const result = await sink.send(SAMPLE_RECORDS);

      expect(result).toEqual({
        outcomes: [{ status: 'delivered' }, { status: 'delivered' }, { status: 'delivered' }],
        requests: 1,
        bytesSent: Buffer.byteLength(`${SAMPLE_NDJSON_LINES.join('\n')}\n`),
      });
      const request = lastRequest(fake);
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/_bulk?filter_path=errors,items.*.status,items.*.error');
      expect(request.headers['content-type']).toBe('application/x-ndjson');
      expect(request.headers['content-encoding']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
      expect(request.body.split('\n')).toEqual([...SAMPLE_NDJSON_LINES, '']);
      expect(request.rawBytes).toBe(result.bytesSent);
      expect(fake.storedIds()).toEqual(SAMPLE_RECORDS.map((record) => record.id));
    });

    it('gzips the body, says so in content-encoding, and counts the compressed bytes', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      const records = createTestRecords(40, { seed: 11 });

      const result = await sink.send(records);

      const request = lastRequest(fake);
      expect(request.headers['content-encoding']).toBe('gzip');
      expect(request.rawBytes).toBe(result.bytesSent);
      expect(result.bytesSent).toBeLessThan(Buffer.byteLength(request.body) / 3);
      expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
      expect(fake.storedIds()).toEqual(records.map((record) => record.id));
    });

    it('sends the same NDJSON lines whether compressed or not', async () => {
      const plainFake = await startFake();
      const gzipFake = await startFake();
      await createSink({ url: plainFake.url, auth: { type: 'none' }, compression: 'none' }).send(
        SAMPLE_RECORDS,
      );
      await createSink({ url: gzipFake.url, auth: { type: 'none' }, gzipLevel: 9 }).send(
        SAMPLE_RECORDS,
      );
      expect(lastRequest(gzipFake).body).toBe(lastRequest(plainFake).body);
    });

    it('keeps a path prefix of the URL (a reverse proxy) in front of /_bulk', async () => {
      const seen: string[] = [];
      const sink = createSink({
        url: 'https://proxy.example.com/es/',
        auth: { type: 'none' },
        fetch: async (input) => {
          seen.push(String(input));
          return new Response('{"errors":false}', { status: 200 });
        },
      });
      await sink.send(SAMPLE_RECORDS.slice(0, 1));
      expect(seen).toEqual([
        'https://proxy.example.com/es/_bulk?filter_path=errors,items.*.status,items.*.error',
      ]);
    });

    it('authenticates with Basic base64(username:password)', async () => {
      const { username, password } = TEST_CREDENTIALS;
      const fake = await startFake({ auth: { kind: 'basic', username, password } });
      const sink = createSink({ url: fake.url, auth: { type: 'basic', username, password } });
      await sink.send(SAMPLE_RECORDS);
      expect(lastRequest(fake).headers.authorization).toBe(
        `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      );
      expect(fake.storedIds()).toHaveLength(3);
    });

    it('authenticates with ApiKey <encoded>, and encodes an id:api_key pair itself', async () => {
      const { apiKeyId, apiKeySecret } = TEST_CREDENTIALS;
      const encoded = Buffer.from(`${apiKeyId}:${apiKeySecret}`).toString('base64');
      const fake = await startFake({
        auth: { kind: 'api-key', id: apiKeyId, apiKey: apiKeySecret },
      });
      for (const apiKey of [encoded, `${apiKeyId}:${apiKeySecret}`]) {
        const sink = createSink({ url: fake.url, auth: { type: 'api-key', apiKey } });
        const result = await sink.send(SAMPLE_RECORDS);
        expect(lastRequest(fake).headers.authorization).toBe(`ApiKey ${encoded}`);
        expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
          'delivered',
          'delivered',
          'delivered',
        ]);
      }
    });

    it('signs for es with SigV4: scope, signed headers, session token, no payload hash header', async () => {
      const fake = await startFake({
        distribution: 'opensearch',
        auth: {
          kind: 'sigv4',
          region: SIGV4_REGION,
          service: 'es',
          accessKeyId: TEST_CREDENTIALS.accessKeyId,
          verifyRequest: createSignatureVerifier('es'),
        },
      });
      const sink = createSink({
        url: fake.url,
        auth: { type: 'aws-sigv4', region: SIGV4_REGION, credentials: SIGV4_CREDENTIALS },
      });

      const result = await sink.send(SAMPLE_RECORDS);

      expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
      const { headers, path } = lastRequest(fake);
      expect(path).toBe(`/_bulk?${BULK_QUERY}`);
      expect(headers.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.accessKeyId}/\\d{8}/${SIGV4_REGION}/es/aws4_request, SignedHeaders=accept;content-encoding;content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$`,
        ),
      );
      expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(headers['x-amz-security-token']).toBe(TEST_CREDENTIALS.sessionToken);
      expect(headers['x-amz-content-sha256']).toBeUndefined();
      expect(headers['content-encoding']).toBe('gzip');
    });

    it('signs for aoss with x-amz-content-sha256 of the compressed bytes as sent', async () => {
      const fake = await startFake({
        distribution: 'opensearch',
        auth: {
          kind: 'sigv4',
          region: SIGV4_REGION,
          service: 'aoss',
          verifyRequest: createSignatureVerifier('aoss'),
        },
      });
      const sink = createSink({
        url: fake.url,
        auth: {
          type: 'aws-sigv4',
          service: 'aoss',
          region: SIGV4_REGION,
          credentials: SIGV4_CREDENTIALS,
        },
      });

      await sink.send(SAMPLE_RECORDS);

      const request = lastRequest(fake);
      expect(request.status).toBe(200);
      expect(request.headers.authorization).toMatch(
        /\/aoss\/aws4_request, SignedHeaders=accept;content-encoding;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/,
      );
      const sent: Uint8Array[] = [];
      const capturing = createSink({
        url: fake.url,
        auth: {
          type: 'aws-sigv4',
          service: 'aoss',
          region: SIGV4_REGION,
          credentials: SIGV4_CREDENTIALS,
        },
        fetch: async (input, init) => {
          sent.push(init?.body as Uint8Array);
          return fetch(input, init);
        },
      });
      await capturing.send(SAMPLE_RECORDS);
      const wire = sent[0]!;
      expect([wire[0], wire[1]]).toEqual([0x1f, 0x8b]);
      expect(gunzipSync(wire).toString('utf8')).toBe(`${SAMPLE_NDJSON_LINES.join('\n')}\n`);
      expect(lastRequest(fake).headers['x-amz-content-sha256']).toBe(
        createHash('sha256').update(wire).digest('hex'),
      );
    });

    it('produces signatures that fail verification for any other body', async () => {
      const captured: { headers: Record<string, string>; body: Uint8Array }[] = [];
      const sink = createSink({
        url: 'http://127.0.0.1:9/',
        auth: {
          type: 'aws-sigv4',
          service: 'es',
          region: SIGV4_REGION,
          credentials: SIGV4_CREDENTIALS,
        },
        fetch: async (_input, init) => {
          captured.push({
            headers: init?.headers as Record<string, string>,
            body: init?.body as Uint8Array,
          });
          return new Response('{"errors":false}', { status: 200 });
        },
      });
      await sink.send(SAMPLE_RECORDS);
      const { headers, body } = captured[0]!;
      const verify = createSignatureVerifier('es');
      const request = (bytes: Uint8Array) => ({
        method: 'POST',
        path: `/_bulk?${BULK_QUERY}`,
        headers: { ...headers, host: '127.0.0.1:9' },
        body: Buffer.from(bytes),
      });
      expect(await verify(request(body))).toBe(true);
      const tampered = Buffer.from(body);
      tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
      expect(await verify(request(tampered))).toBe(false);
    });

    it('signs the exact bytes of a body compressed in parallel pieces, which the cluster inflates whole', async () => {
      const fake = await startFake({
        auth: {
          kind: 'sigv4',
          region: SIGV4_REGION,
          service: 'es',
          verifyRequest: createSignatureVerifier('es'),
        },
      });
      const sent: Uint8Array[] = [];
      const sink = createSink({
        url: fake.url,
        auth: { type: 'aws-sigv4', region: SIGV4_REGION, credentials: SIGV4_CREDENTIALS },
        fetch: async (input, init) => {
          sent.push(init?.body as Uint8Array);
          return fetch(input, init);
        },
      });
      // About 1.4 MiB of NDJSON in one chunk: at least two pieces of 256 KiB on any multi-core machine.
      const records = createTestRecords(600, { largeMessageEvery: 3, largeMessageBytes: 6144 });

      const result = await sink.send(records);

      expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
      expect(fake.storedIds()).toHaveLength(600);
      expect(sent).toHaveLength(1);
      const request = lastRequest(fake);
      expect(request.status).toBe(200);
      expect(request.headers['content-encoding']).toBe('gzip');
      // The OS byte 0xff marks the pieces path (zlib's own header says 3, Unix).
      expect(sent[0]![9]).toBe(availableParallelism() > 1 ? 0xff : 3);
      expect(Buffer.byteLength(request.body)).toBeGreaterThan(1024 * 1024);
      expect(gunzipSync(sent[0]!).toString('utf8')).toBe(request.body);
    });

    it.each([
      ['https://search-logs-abc123.eu-central-1.es.amazonaws.com', 'eu-central-1/es', '/'],
      [
        'https://abc123def456.us-east-1.aoss.amazonaws.com',
        'us-east-1/aoss',
        '/_cat/indices?format=json',
      ],
    ])('infers region and service from %s', async (url, scope, healthPath) => {
      const seen: { url: string; headers: Record<string, string> }[] = [];
      const sink = createSink({
        url,
        auth: { type: 'aws-sigv4', credentials: SIGV4_CREDENTIALS },
        fetch: async (input, init) => {
          seen.push({ url: String(input), headers: init?.headers as Record<string, string> });
          return new Response(init?.method === 'GET' ? '[]' : '{"errors":false}', { status: 200 });
        },
      });
      await sink.send(SAMPLE_RECORDS);
      await sink.checkHealth();
      expect(seen.map((request) => request.headers.authorization)).toEqual([
        expect.stringContaining(`/${scope}/aws4_request,`),
        expect.stringContaining(`/${scope}/aws4_request,`),
      ]);
      expect(new URL(seen[1]!.url).pathname + new URL(seen[1]!.url).search).toBe(healthPath);
      expect('x-amz-content-sha256' in seen[0]!.headers).toBe(scope.endsWith('aoss'));
      expect(sink.toJSON().auth).toEqual({
        type: 'aws-sigv4',
        service: scope.split('/')[1],
        region: scope.split('/')[0],
      });
    });
  });

  describe('pipelining', () => {
    it('encodes the next chunk while one is in flight, and no further ahead', async () => {
      const fake = await startFake();
      const records = createTestRecords(8, { seed: 5, largeMessageEvery: 0 });
      let documentsBuilt = 0;
      const builtAtRequest: number[] = [];
      const sink = createSink({
        url: fake.url,
        auth: { type: 'none' },
        maxOperations: 2,
        toDocument: (_record, createDefaultDocument) => {
          documentsBuilt += 1;
          return createDefaultDocument();
        },
        fetch: (input, init) => {
          builtAtRequest.push(documentsBuilt);
          return fetch(input, init);
        },
      });
      const result = await sink.send(records);
      expect(result.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
      // Request n (chunk n, 2 documents) leaves once chunk n + 1 is built — plus the one document
      // the chunker builds to learn that chunk n + 1 is full — and never chunk n + 2.
      expect(builtAtRequest).toEqual([5, 7, 8, 8]);
      expect(fake.storedIds()).toEqual(records.map((record) => record.id));
    });

    it('never reuses the buffer of a request that timed out: the socket may still read it', async () => {
      const fake = await startFake();
      const records = createTestRecords(12, { seed: 13, largeMessageEvery: 0 });
      let timedOutBody: Uint8Array | undefined;
      let copyAtTimeout: Buffer | undefined;
      const sink = createSink({
        url: fake.url,
        auth: { type: 'none' },
        compression: 'none',
        maxOperations: 2,
        timeoutMs: 100,
        fetch: (input, init) => {
          if (timedOutBody === undefined) {
            // The first request never gets an answer; keep a view of its body, as a socket would.
            timedOutBody = init?.body as Uint8Array;
            copyAtTimeout = Buffer.from(timedOutBody);
            return new Promise((_resolve, reject) => {
              init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
            });
          }
          return fetch(input, init);
        },
      });

      const result = await sink.send(records);

      expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
        'retryable',
        'retryable',
        ...new Array(10).fill('delivered'),
      ]);
      // Five more chunks were built after the timeout; none of them was written over its body.
      expect(Buffer.from(timedOutBody!).equals(copyAtTimeout!)).toBe(true);
    });

    it.each(['gzip', 'none'] as const)(
      'reuses chunk buffers without mixing bodies up, across sends and 413 bisects (%s)',
      async (compression) => {
        const fake = await startFake({ maxRequestBytes: 1_200 });
        const sink = createSink({
          url: fake.url,
          auth: { type: 'none' },
          compression,
          maxBytes: 8_000,
        });
        const records = createTestRecords(60, { seed: 9, largeMessageEvery: 0 });
        const first = await sink.send(records.slice(0, 30));
        const second = await sink.send(records.slice(30));
        const outcomes = [...first.outcomes, ...second.outcomes];
        expect(outcomes.filter((outcome) => outcome.status !== 'delivered')).toEqual([]);
        // 413s were answered (they count as requests, not as accepted bulk requests).
        expect(fake.stats().requests).toBeGreaterThan(fake.stats().bulkRequests);
        // Every stored document is the one its id names: a body overwritten by a reused buffer
        // would store wrong or duplicate documents, or fail to parse.
        expect([...fake.storedIds()].sort()).toEqual(records.map((record) => record.id).sort());
        const stored = new Map(fake.documents().map((document) => [document.id, document.source]));
        for (const record of records) {
          expect(stored.get(record.id)).toMatchObject({ message: record.message });
        }
        expect(fake.stats().duplicatesRejected).toBe(0);
      },
    );
  });

  describe('compression: auto', () => {
    /**
     * A fetch that keeps a copy of each body and its encoding, then answers after `delayMs`. It
     * decodes nothing meanwhile: that would be timed as part of the request.
     */
    function recordingFetch(delayMs: number, status = 200) {
      const requests: { encoding: string | null; body: Uint8Array }[] = [];
      const fetchBulk: typeof fetch = async (_input, init) => {
        const encoding = new Headers(init?.headers).get('content-encoding');
        // A copy: once answered, an uncompressed body's buffer is reused for a later chunk.
        requests.push({ encoding, body: Buffer.from(init?.body as Uint8Array) });
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return new Response(status === 200 ? '{"errors":false}' : '{"error":"too many requests"}', {
          status,
          headers: { 'content-type': 'application/json' },
        });
      };
      const countDocuments = () =>
        requests.reduce((total, { encoding, body }) => {
          const ndjson = (encoding === 'gzip' ? gunzipSync(body) : Buffer.from(body)).toString();
          return total + ndjson.split('\n').filter(Boolean).length / 2;
        }, 0);
      return { requests, fetchBulk, countDocuments };
    }

    /** A sink with `auto` compression at level 9, in 1 MiB chunks: for {@link createHexRecords}. */
    function createCostlyCompressionSink(fetchBulk: typeof fetch) {
      return createSink({
        url: 'http://127.0.0.1:9',
        auth: { type: 'none' },
        gzipLevel: 9,
        maxBytes: 1_048_576,
        fetch: fetchBulk,
      });
    }

    /** Records whose messages are hex ids: costly to compress at level 9, and only halved. */
    function createHexRecords(count: number) {
      return createTestRecords(count, { seed: 31, largeMessageEvery: 0 }).map((record, index) => ({
        ...record,
        message: `order ids ${[0, 1, 2, 3].map((part) => createHash('sha256').update(`${index}.${part}`).digest('hex')).join(' ')}`,
      }));
    }

    it('stops compressing once it measures that requests answer faster than compression', async () => {
      const { requests, fetchBulk, countDocuments } = recordingFetch(0);
      // Hex ids at level 9 cost tens of milliseconds per MiB and shrink only about half; this
      // fetch answers at once. So compressing clearly costs more than it could save.
      const sink = createCostlyCompressionSink(fetchBulk);
      const records = createHexRecords(14_000);
      const { outcomes } = await sink.send(records);
      expect(outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
      expect(requests.length).toBeGreaterThanOrEqual(4);
      expect(countDocuments()).toBe(records.length);
      // Nothing is measured when the first two bodies are prepared (the second is prepared while
      // the first is in flight), and the first request on a connection is slow; once the medians
      // show requests answering faster than compression, it stops compressing, for good.
      const encodings = requests.map((request) => request.encoding);
      const switchedAt = encodings.indexOf(null);
      expect(switchedAt).toBeGreaterThanOrEqual(2);
      expect(encodings).toEqual([
        ...new Array(switchedAt).fill('gzip'),
        ...new Array(encodings.length - switchedAt).fill(null),
      ]);
      expect(encodings.length - switchedAt).toBeGreaterThanOrEqual(2);
      // What it learned carries over to the next call, as across warm Lambda invocations.
      const before = requests.length;
      await sink.send(records.slice(0, 2_000));
      expect(requests.slice(before).map((request) => request.encoding)).toEqual(
        new Array(requests.length - before).fill(null),
      );
    });

    it('learns nothing from requests that were not accepted (a 429 may come before the body is read)', async () => {
      const { requests, fetchBulk } = recordingFetch(0, 429);
      const sink = createCostlyCompressionSink(fetchBulk);
      const { outcomes } = await sink.send(createHexRecords(8_000));
      expect(outcomes.every((outcome) => outcome.status === 'retryable')).toBe(true);
      expect(requests.length).toBeGreaterThanOrEqual(4);
      expect(requests.map((request) => request.encoding)).toEqual(
        new Array(requests.length).fill('gzip'),
      );
    });

    it('keeps compressing when requests take longer than compression', async () => {
      const { requests, fetchBulk } = recordingFetch(25);
      const sink = createSink({
        url: 'http://127.0.0.1:9',
        auth: { type: 'none' },
        maxBytes: 65_536,
        fetch: fetchBulk,
      });
      const records = createTestRecords(600, { seed: 32, largeMessageEvery: 0 });
      const { outcomes } = await sink.send(records);
      expect(outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
      expect(requests.length).toBeGreaterThanOrEqual(4);
      expect(requests.map((request) => request.encoding)).toEqual(
        new Array(requests.length).fill('gzip'),
      );
    });

    it.each(['gzip', 'none'] as const)(
      'never adapts a fixed compression: %s',
      async (compression) => {
        const { requests, fetchBulk } = recordingFetch(0);
        const sink = createSink({
          url: 'http://127.0.0.1:9',
          auth: { type: 'none' },
          compression,
          gzipLevel: 9,
          maxBytes: 262_144,
          fetch: fetchBulk,
        });
        await sink.send(createTestRecords(3_000, { seed: 33, largeMessageEvery: 0 }));
        expect(requests.length).toBeGreaterThanOrEqual(4);
        expect(new Set(requests.map((request) => request.encoding))).toEqual(
          new Set([compression === 'gzip' ? 'gzip' : null]),
        );
      },
    );
  });

  describe('sendSequence', () => {
    it('delivers records produced on demand, taking them only as chunks are built', async () => {
      const fake = await startFake();
      const records = createTestRecords(9, { seed: 17, largeMessageEvery: 0 });
      let produced = 0;
      const producedAtRequest: number[] = [];
      function* produce() {
        for (const record of records) {
          produced += 1;
          yield record;
        }
      }
      const sink = createSink({
        url: fake.url,
        auth: { type: 'none' },
        maxOperations: 2,
        fetch: (input, init) => {
          producedAtRequest.push(produced);
          return fetch(input, init);
        },
      });

      const result = await sink.sendSequence(produce());

      expect(result.outcomes).toEqual(records.map(() => ({ status: 'delivered' })));
      expect(result.requests).toBe(5);
      // Chunk n leaves once chunk n + 1 is built (plus the record that showed it full).
      expect(producedAtRequest).toEqual([5, 7, 9, 9, 9]);
      expect(fake.storedIds()).toEqual(records.map((record) => record.id));
    });

    it('gives outcomes only for the records it took when aborted, and takes no more', async () => {
      const fake = await startFake();
      const records = createTestRecords(10, { seed: 19, largeMessageEvery: 0 });
      const controller = new AbortController();
      let produced = 0;
      function* produce() {
        for (const record of records) {
          produced += 1;
          yield record;
        }
      }
      let requests = 0;
      const sink = createSink({
        url: fake.url,
        auth: { type: 'none' },
        maxOperations: 2,
        fetch: (input, init) => {
          requests += 1;
          // The caller gives up as the second request leaves.
          if (requests === 2) controller.abort();
          return fetch(input, init);
        },
      });

      const result = await sink.sendSequence(produce(), { signal: controller.signal });

      // Taken: chunk 1 (confirmed), chunk 2 (aborted), chunk 3 built meanwhile and the record
      // that showed it full; none after the abort.
      expect(produced).toBe(7);
      expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
        'delivered',
        'delivered',
        'retryable',
        'retryable',
        'retryable',
        'retryable',
        'retryable',
      ]);
      expect(result.outcomes[2]).toMatchObject({ errorType: 'aborted' });
    });

    it('refuses something that is not iterable, and an already aborted signal', async () => {
      const sink = createSink({ url: 'http://127.0.0.1:9', auth: { type: 'none' } });
      await expectSinkError(sink.sendSequence(42 as never), {
        code: 'invalid-options',
        retryable: false,
      });
      await expectSinkError(sink.sendSequence(SAMPLE_RECORDS, { signal: AbortSignal.abort() }), {
        code: 'aborted',
        retryable: true,
      });
    });
  });

  describe('outcomes', () => {
    it('reports a create conflict (409) as delivered and stores nothing twice', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      await sink.send(SAMPLE_RECORDS.slice(0, 2));
      const result = await sink.send(SAMPLE_RECORDS);
      expect(result.outcomes).toEqual([
        { status: 'delivered' },
        { status: 'delivered' },
        { status: 'delivered' },
      ]);
      expect(fake.stats().duplicatesRejected).toBe(2);
      expect(fake.storedIds()).toEqual(SAMPLE_RECORDS.map((record) => record.id));
    });

    it('keeps the outcomes of other chunks when one chunk gets a whole-request 503', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' }, maxOperations: 2 });
      const records = createTestRecords(6, { seed: 21, largeMessageEvery: 0 });
      let bulkRequests = 0;
      fake.injectFault({
        kind: 'status',
        status: 503,
        match: () => {
          bulkRequests += 1;
          return bulkRequests === 2;
        },
      });

      const result = await sink.send(records);

      expect(result.requests).toBe(3);
      expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
        'delivered',
        'delivered',
        'retryable',
        'retryable',
        'delivered',
        'delivered',
      ]);
      expect(result.outcomes[2]).toEqual({
        status: 'retryable',
        reason: `POST ${fake.url}/_bulk answered 503 Service Unavailable: HTML page: 503 Service Unavailable`,
        httpStatus: 503,
      });
      expect(fake.storedIds()).toEqual([0, 1, 4, 5].map((index) => records[index]!.id));
    });

    it('reports an Elasticsearch error body with its type', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      fake.injectFault({
        kind: 'status',
        status: 429,
        body: '{"error":{"type":"circuit_breaking_exception","reason":"[parent] Data too large"},"status":429}',
      });
      const result = await sink.send(SAMPLE_RECORDS.slice(0, 1));
      expect(result.outcomes).toEqual([
        {
          status: 'retryable',
          reason: `POST ${fake.url}/_bulk answered 429 Too Many Requests: circuit_breaking_exception: [parent] Data too large`,
          errorType: 'circuit_breaking_exception',
          httpStatus: 429,
        },
      ]);
    });

    it('rejects every record of a request the cluster refuses as a whole (400)', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      fake.injectFault({
        kind: 'status',
        status: 400,
        body: '{"error":{"type":"illegal_argument_exception","reason":"The bulk request must be terminated by a newline [\\\\n]"},"status":400}',
      });
      const result = await sink.send(SAMPLE_RECORDS.slice(0, 2));
      expect(result.outcomes).toEqual([
        expect.objectContaining({
          status: 'rejected',
          errorType: 'illegal_argument_exception',
          httpStatus: 400,
        }),
        expect.objectContaining({
          status: 'rejected',
          errorType: 'illegal_argument_exception',
          httpStatus: 400,
        }),
      ]);
    });

    it('makes a timed-out request retryable within about timeoutMs', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' }, timeoutMs: 250 });
      fake.injectFault({ kind: 'hang' });
      const started = performance.now();
      const result = await sink.send(SAMPLE_RECORDS.slice(0, 2));
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(240);
      expect(elapsed).toBeLessThan(1500);
      expect(result.outcomes).toEqual([
        {
          status: 'retryable',
          reason: `no answer to POST ${fake.url}/_bulk within 250 ms (option timeoutMs)`,
          errorType: 'timeout',
        },
        {
          status: 'retryable',
          reason: `no answer to POST ${fake.url}/_bulk within 250 ms (option timeoutMs)`,
          errorType: 'timeout',
        },
      ]);
      expect(result.requests).toBe(1);
    });

    it('makes a reset connection retryable, naming the socket error', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      fake.injectFault({ kind: 'reset' });
      const result = await sink.send(SAMPLE_RECORDS.slice(0, 1));
      expect(result.outcomes[0]).toMatchObject({ status: 'retryable', errorType: 'network' });
      expect((result.outcomes[0] as { reason: string }).reason).toMatch(
        new RegExp(`^POST ${fake.url}/_bulk failed before an answer: \\S`),
      );
    });

    it('rejects a document larger than maxBytes without sending it, and delivers the rest', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' }, maxBytes: 4096 });
      const records = SAMPLE_RECORDS.map((record, index) =>
        index === 1 ? { ...record, message: 'x'.repeat(5000) } : record,
      );
      const result = await sink.send(records);
      expect(result.outcomes[1]).toEqual({
        status: 'rejected',
        reason: expect.stringMatching(
          /^the document is \d+ bytes as NDJSON, above option maxBytes \(4096\); no _bulk request can carry it, so it was not sent$/,
        ),
        errorType: 'document-too-large',
      });
      expect(result.requests).toBe(1);
      expect(fake.storedIds()).toEqual([records[0]!.id, records[2]!.id]);
    });

    it('rejects a record that cannot become a document, and delivers the rest', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      const records = [
        SAMPLE_RECORDS[0]!,
        { ...SAMPLE_RECORDS[1]!, timestamp: Number.NaN } as SinkRecord,
        SAMPLE_RECORDS[2]!,
      ];
      const result = await sink.send(records);
      expect(result.outcomes[1]).toEqual({
        status: 'rejected',
        reason:
          'the record cannot be turned into a document: Log event field timestamp must be an integer number of milliseconds from 0 to 253402300799999 (year 9999); received null',
        errorType: 'invalid-event',
      });
      expect(fake.storedIds()).toEqual([records[0]!.id, records[2]!.id]);
    });

    it('sends nothing for an empty batch', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      expect(await sink.send([])).toEqual({ outcomes: [], requests: 0, bytesSent: 0 });
      expect(fake.requestCount()).toBe(0);
    });

    it('stores re-sent records again with documentIds none (the documented at-least-once trade-off)', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' }, documentIds: 'none' });
      await sink.send(SAMPLE_RECORDS);
      await sink.send(SAMPLE_RECORDS);
      expect(lastRequest(fake).body.split('\n')[0]).toBe('{"create":{"_index":"cwl-2022.07.25"}}');
      const eventIds = fake
        .documents()
        .map((document) => (document.source.event as { id: string }).id);
      expect(eventIds.sort()).toEqual(
        [...SAMPLE_RECORDS, ...SAMPLE_RECORDS].map((record) => record.id).sort(),
      );
    });

    it('passes mapper options through (index template, JSON mode, toDocument)', async () => {
      const fake = await startFake();
      const sink = createSink({
        url: fake.url,
        auth: { type: 'none' },
        indexTemplate: 'logs-{logGroup}-{yyyy.MM}',
        jsonMode: 'off',
        toDocument: (record, createDefault) => ({
          ...createDefault(),
          shard: record.position.shardId,
        }),
      });
      await sink.send(SAMPLE_RECORDS.slice(1, 2));
      const [document] = fake.documents();
      expect(document?.index).toBe('logs-bar-2022.07');
      expect(document?.source.json).toBeUndefined();
      expect(document?.source.shard).toBe('shardId-000000000000');
    });

    it('writes to a data stream when dataStream is set', async () => {
      const fake = await startFake();
      const sink = createSink({
        url: fake.url,
        auth: { type: 'none' },
        dataStream: 'logs-cloudwatch-default',
      });
      await sink.send(SAMPLE_RECORDS);
      expect(fake.documents().map((document) => document.index)).toEqual([
        'logs-cloudwatch-default',
        'logs-cloudwatch-default',
        'logs-cloudwatch-default',
      ]);
    });
  });

  describe('failures that are not about the records', () => {
    it.each([401, 403] as const)(
      'throws authentication for %i, without the secret',
      async (status) => {
        const { username, password } = TEST_CREDENTIALS;
        const fake = await startFake();
        const sink = createSink({ url: fake.url, auth: { type: 'basic', username, password } });
        fake.injectFault({ kind: 'status', status });
        const error = await expectSinkError(sink.send(SAMPLE_RECORDS), {
          code: 'authentication',
          retryable: false,
          httpStatus: status,
        });
        expect(error.message).toMatch(
          new RegExp(
            `^POST ${fake.url}/_bulk answered ${status} .*: HTML page: ${status} .*\\. The cluster refused the credentials of option auth \\(basic\\)`,
          ),
        );
        expect(inspect(error, { depth: 5 })).not.toContain(password);
      },
    );

    it('does not follow a redirect: a 3xx is a configuration error', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      fake.injectFault({
        kind: 'status',
        status: 301,
        headers: { location: 'https://elsewhere.example.com/_bulk' },
      });
      await expectSinkError(sink.send(SAMPLE_RECORDS), {
        code: 'configuration',
        retryable: false,
        httpStatus: 301,
      });
      expect(fake.requestCount()).toBe(1);
    });

    it('throws configuration for a URL that has no _bulk endpoint (404)', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      fake.injectFault({
        kind: 'status',
        status: 404,
        body: '{"error":"no handler found","status":404}',
      });
      const error = await expectSinkError(sink.send(SAMPLE_RECORDS), {
        code: 'configuration',
        retryable: false,
        httpStatus: 404,
      });
      expect(error.message).toContain(
        'answered 404 Not Found: no handler found. This answer means option url',
      );
    });

    it('throws authentication when SigV4 has no credentials to sign with', async () => {
      const saved = {
        id: process.env.AWS_ACCESS_KEY_ID,
        secret: process.env.AWS_SECRET_ACCESS_KEY,
      };
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      try {
        let calls = 0;
        const sink = createSink({
          url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
          auth: { type: 'aws-sigv4' },
          fetch: async () => {
            calls += 1;
            return new Response('{}');
          },
        });
        const error = await expectSinkError(sink.send(SAMPLE_RECORDS), {
          code: 'authentication',
          retryable: false,
        });
        expect(error.message).toContain('AWS_ACCESS_KEY_ID');
        expect(calls).toBe(0);
      } finally {
        if (saved.id !== undefined) process.env.AWS_ACCESS_KEY_ID = saved.id;
        if (saved.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      }
    });

    it('makes records retryable when the credentials provider fails, and asks it again next time', async () => {
      let providerCalls = 0;
      const sink = createSink({
        url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
        auth: {
          type: 'aws-sigv4',
          credentials: async () => {
            providerCalls += 1;
            if (providerCalls === 1) throw new Error('IMDS timed out');
            return SIGV4_CREDENTIALS;
          },
        },
        fetch: async () => new Response('{"errors":false}'),
      });
      const failed = await sink.send(SAMPLE_RECORDS.slice(0, 1));
      expect(failed.outcomes[0]).toMatchObject({
        status: 'retryable',
        errorType: 'credentials-provider-failed',
      });
      expect(failed.requests).toBe(0);
      const retried = await sink.send(SAMPLE_RECORDS.slice(0, 1));
      expect(retried.outcomes).toEqual([{ status: 'delivered' }]);
      expect(providerCalls).toBe(2);
    });

    it('asks the credentials provider again after a 403', async () => {
      let providerCalls = 0;
      const statuses = [403, 200];
      const sink = createSink({
        url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
        auth: {
          type: 'aws-sigv4',
          credentials: async () => {
            providerCalls += 1;
            return { ...SIGV4_CREDENTIALS, expiration: new Date(Date.now() + 3_600_000) };
          },
        },
        fetch: async () =>
          new Response(
            statuses[0] === 403
              ? '{"message":"The security token included in the request is expired"}'
              : '{"errors":false}',
            {
              status: statuses.shift()!,
            },
          ),
      });
      await expectSinkError(sink.send(SAMPLE_RECORDS.slice(0, 1)), {
        code: 'authentication',
        retryable: false,
        httpStatus: 403,
      });
      expect((await sink.send(SAMPLE_RECORDS.slice(0, 1))).outcomes).toEqual([
        { status: 'delivered' },
      ]);
      expect(providerCalls).toBe(2);
    });
  });

  describe('abort and close', () => {
    it('throws aborted without a request when the signal has already fired', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      await expectSinkError(sink.send(SAMPLE_RECORDS, { signal: AbortSignal.abort() }), {
        code: 'aborted',
        retryable: true,
      });
      expect(fake.requestCount()).toBe(0);
    });

    it('stops mid-batch on abort: confirmed chunks stay delivered, the rest is retryable', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' }, maxOperations: 1 });
      let requests = 0;
      fake.injectFault({ kind: 'hang', match: () => ++requests === 2 });
      const controller = new AbortController();
      const sending = sink.send(SAMPLE_RECORDS, { signal: controller.signal });
      while (fake.requestCount() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const abortedAt = performance.now();
      controller.abort();
      const result = await sending;
      expect(performance.now() - abortedAt).toBeLessThan(200);
      expect(result.requests).toBe(2);
      expect(result.outcomes.map((outcome) => outcome.status)).toEqual([
        'delivered',
        'retryable',
        'retryable',
      ]);
      expect(result.outcomes[2]).toMatchObject({ errorType: 'aborted' });
      expect(fake.requestCount()).toBe(2);
    });

    it('aborts requests in flight on close() and refuses calls afterwards', async () => {
      const fake = await startFake();
      const sink = createElasticsearchSink({ url: fake.url, auth: { type: 'none' } });
      fake.injectFault({ kind: 'hang' });
      const sending = sink.send(SAMPLE_RECORDS);
      while (fake.requestCount() < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      await sink.close();
      const result = await sending;
      expect(result.outcomes.every((outcome) => outcome.status === 'retryable')).toBe(true);
      await expectSinkError(sink.send(SAMPLE_RECORDS), { code: 'configuration', retryable: false });
      await expectSinkError(sink.checkHealth(), { code: 'configuration', retryable: false });
    });
    it('serves many concurrent calls without a listener-leak warning', async () => {
      const fake = await startFake();
      const sink = createSink({ url: fake.url, auth: { type: 'none' } });
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);
      try {
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, index) =>
            sink.send(createTestRecords(2, { seed: 500 + index })),
          ),
        );
        await new Promise((resolve) => setImmediate(resolve));
        expect(
          results.flatMap((result) => result.outcomes.map((outcome) => outcome.status)),
        ).toEqual(new Array(32).fill('delivered'));
        expect(warnings.map((warning) => warning.name)).not.toContain(
          'MaxListenersExceededWarning',
        );
      } finally {
        process.off('warning', onWarning);
      }
    });
  });

  describe('connections', () => {
    it('reuses one kept-alive TCP connection across send calls (as across Lambda invocations)', async () => {
      const fake = await startFake();
      const counter = await startConnectionCounter(Number(new URL(fake.url).port));
      cleanups.push(() => counter.close());
      const sink = createSink({ url: counter.url, auth: { type: 'none' } });
      // Invocations are apart in time; undici hands a socket back to its pool a tick after the
      // response ends, so a call in the very same tick could open a second one.
      const waitBetweenInvocations = () => new Promise((resolve) => setTimeout(resolve, 10));
      for (let invocation = 0; invocation < 5; invocation += 1) {
        await sink.send(createTestRecords(10, { seed: 31 + invocation }));
        await waitBetweenInvocations();
      }
      await sink.checkHealth();
      expect(fake.requestCount()).toBe(6);
      expect(counter.connections()).toBe(1);
    });
  });

  describe('secrets', () => {
    it('shows settings but no credentials in util.inspect and JSON', () => {
      const { username, password } = TEST_CREDENTIALS;
      const sink = createSink({
        url: 'https://es.example.com',
        auth: { type: 'basic', username, password },
      });
      const rendered = `${inspect(sink, { depth: 10, showHidden: true })}\n${JSON.stringify(sink)}`;
      expect(rendered).not.toContain(password);
      expect(rendered).not.toContain(Buffer.from(`${username}:${password}`).toString('base64'));
      expect(sink.toJSON()).toEqual({
        name: 'elasticsearch',
        url: 'https://es.example.com',
        auth: { type: 'basic', username },
        compression: 'auto',
        gzipLevel: 1,
        maxBytes: 5_242_880,
        maxOperations: 5000,
        timeoutMs: 30_000,
      });
      expect(inspect(sink)).toBe(`ElasticsearchSink ${JSON.stringify(sink.toJSON())}`);
    });

    it('keeps SigV4 secrets out of inspection', () => {
      const sink = createSink({
        url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
        auth: { type: 'aws-sigv4', credentials: SIGV4_CREDENTIALS },
      });
      const rendered = inspect(sink, { depth: 10, showHidden: true });
      expect(rendered).not.toContain(TEST_CREDENTIALS.secretAccessKey);
      expect(rendered).not.toContain(TEST_CREDENTIALS.sessionToken);
    });
  });
});
