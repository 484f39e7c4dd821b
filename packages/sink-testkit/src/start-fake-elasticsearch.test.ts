import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SinkTestkitError } from './errors';
import { type FakeElasticsearch, startFakeElasticsearch } from './start-fake-elasticsearch';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const ndjson = { 'content-type': 'application/x-ndjson' };

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function call(
  fake: FakeElasticsearch,
  method: string,
  path: string,
  options: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const withoutTook = (text: string) => text.replace(/"took":\d+/, '"took":0');

let fake: FakeElasticsearch | undefined;
async function start(options: Parameters<typeof startFakeElasticsearch>[0] = {}) {
  fake = await startFakeElasticsearch(options);
  return fake;
}
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('startFakeElasticsearch', () => {
  describe('GET /', () => {
    it('answers cluster info like Elasticsearch 8.15, with the product header clients check', async () => {
      const es = await start();
      const answer = await call(es, 'GET', '/');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-elastic-product')).toBe('Elasticsearch');
      expect(JSON.parse(answer.text)).toMatchObject({
        name: 'fake-node-1',
        cluster_name: 'logferry-fake',
        version: { number: '8.15.0', build_flavor: 'default' },
        tagline: 'You Know, for Search',
      });
      expect(es.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('answers like OpenSearch 2.15 when asked to, without the Elastic product header', async () => {
      const es = await start({ distribution: 'opensearch', clusterName: 'search-logs' });
      const answer = await call(es, 'GET', '/');
      expect(answer.headers.get('x-elastic-product')).toBeNull();
      expect(JSON.parse(answer.text)).toMatchObject({
        cluster_name: 'search-logs',
        version: { distribution: 'opensearch', number: '2.15.0' },
        tagline: 'The OpenSearch Project: https://opensearch.org/',
      });
    });
  });

  describe('POST /_bulk', () => {
    it('stores create actions and answers the exact Elasticsearch 8 response bytes', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: fixture('cloudwatch-bulk-request.ndjson'),
        headers: ndjson,
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(withoutTook(answer.text)).toBe(fixture('cloudwatch-bulk-response.json').trim());
      expect(es.storedIds()).toEqual([
        '36990390990134150016227618181431330390633573838329307136',
        '36990390990134150016227618181431330390633573838330307139',
      ]);
      expect(es.documents()[1]).toEqual({
        index: 'cwl-2024.06.01',
        id: '36990390990134150016227618181431330390633573838330307139',
        version: 1,
        seqNo: 1,
        source: {
          '@timestamp': '2024-06-01T00:00:00.037Z',
          message: 'Zahlung bestätigt — 支付成功 ✅ 🚀',
          logGroup: '/aws/lambda/checkout-api',
          logStream: '2024/06/01/[$LATEST]0a1b2c3d4e5f6a7b',
          owner: '123456789012',
        },
      });
    });

    it('answers a replayed create with 409 version_conflict_engine_exception items and stores nothing twice', async () => {
      const es = await start();
      const body = fixture('cloudwatch-bulk-request.ndjson');
      await call(es, 'POST', '/_bulk', { body, headers: ndjson });
      const answer = await call(es, 'POST', '/_bulk', { body, headers: ndjson });
      const uuid =
        es.documents()[0] === undefined
          ? ''
          : JSON.parse(answer.text).items[0].create.error.index_uuid;
      expect(answer.status).toBe(200);
      expect(withoutTook(answer.text)).toBe(
        fixture('cloudwatch-bulk-replay-response.json').trim().replaceAll('UUID', uuid),
      );
      expect(uuid).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(es.storedIds()).toHaveLength(2);
      expect(es.stats()).toMatchObject({
        bulkRequests: 2,
        itemsAccepted: 2,
        duplicatesRejected: 2,
      });
    });

    it('overwrites with index (result updated, 200, next version and sequence number)', async () => {
      const es = await start();
      const first = '{"index":{"_index":"logs","_id":"a"}}\n{"message":"one"}\n';
      const second = '{"index":{"_index":"logs","_id":"a"}}\n{"message":"two"}\n';
      await call(es, 'POST', '/_bulk', { body: first, headers: ndjson });
      const answer = await call(es, 'POST', '/_bulk', { body: second, headers: ndjson });
      expect(withoutTook(answer.text)).toBe(
        '{"errors":false,"took":0,"items":[{"index":{"_index":"logs","_id":"a","_version":2,"result":"updated","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":1,"_primary_term":1,"status":200}}]}',
      );
      expect(es.documents()).toEqual([
        { index: 'logs', id: 'a', version: 2, seqNo: 1, source: { message: 'two' } },
      ]);
    });

    it('generates a 20-character id when the action has none, and uses the index from the path', async () => {
      const es = await start();
      const answer = await call(es, 'PUT', '/from-path/_bulk', {
        body: '{"index":{}}\n{"message":"a"}\n{"create":{"_index":"explicit"}}\n{"message":"b"}\n',
        headers: ndjson,
      });
      const items = JSON.parse(answer.text).items;
      expect(items[0].index).toMatchObject({ _index: 'from-path', result: 'created', status: 201 });
      expect(items[0].index._id).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(items[1].create).toMatchObject({ _index: 'explicit', result: 'created', status: 201 });
      expect(es.documents().map((document) => document.index)).toEqual(['from-path', 'explicit']);
    });

    it('deletes documents, answers not_found for a missing id and index_not_found for a missing index', async () => {
      const es = await start();
      await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_index":"logs","_id":"1"}}\n{"m":1}\n',
        headers: ndjson,
      });
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"delete":{"_index":"logs","_id":"1"}}\n{"delete":{"_index":"logs","_id":"2"}}\n{"delete":{"_index":"nope","_id":"3"}}\n',
        headers: ndjson,
      });
      expect(withoutTook(answer.text)).toBe(
        '{"errors":true,"took":0,"items":[' +
          '{"delete":{"_index":"logs","_id":"1","_version":2,"result":"deleted","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":1,"_primary_term":1,"status":200}},' +
          '{"delete":{"_index":"logs","_id":"2","_version":1,"result":"not_found","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":2,"_primary_term":1,"status":404}},' +
          '{"delete":{"_index":"nope","_id":"3","status":404,"error":{"type":"index_not_found_exception","reason":"no such index [nope]","resource.type":"index_or_alias","resource.id":"nope","index_uuid":"_na_","index":"nope"}}}]}',
      );
      expect(es.storedIds()).toEqual([]);
    });

    it('rejects a body that does not end with a newline, as Elasticsearch words it', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_index":"logs","_id":"1"}}\n{"m":1}',
        headers: ndjson,
      });
      expect(answer.status).toBe(400);
      expect(answer.text).toBe(
        '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"The bulk request must be terminated by a newline [\\\\n]"}],"type":"illegal_argument_exception","reason":"The bulk request must be terminated by a newline [\\\\n]"},"status":400}',
      );
      expect(es.storedIds()).toEqual([]);
    });

    it('rejects an empty body with parse_exception "request body is required"', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', { body: '', headers: ndjson });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).error).toMatchObject({
        type: 'parse_exception',
        reason: 'request body is required',
      });
    });

    it('fails the whole request with x_content_parse_exception when an action line is not JSON', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_index":"logs","_id":"1"}}\n{"m":1}\n{"create":{"_index": logs"}}\n{"m":2}\n',
        headers: ndjson,
      });
      expect(answer.status).toBe(400);
      const error = JSON.parse(answer.text).error;
      expect(error.type).toBe('x_content_parse_exception');
      expect(error.reason).toMatch(/^\[3:\d+\] /);
      expect(es.storedIds()).toEqual([]);
    });

    it('fails only the item, with document_parsing_exception, when a document line is not JSON', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_index":"logs","_id":"1"}}\n{"m": oops}\n{"create":{"_index":"logs","_id":"2"}}\n{"m":2}\n',
        headers: ndjson,
      });
      expect(answer.status).toBe(200);
      const response = JSON.parse(answer.text);
      expect(response.errors).toBe(true);
      expect(response.items[0].create).toMatchObject({
        _index: 'logs',
        _id: '1',
        status: 400,
        error: {
          type: 'document_parsing_exception',
          caused_by: { type: 'x_content_parse_exception' },
        },
      });
      expect(response.items[0].create.error.reason).toMatch(/^\[1:\d+\] failed to parse: /);
      expect(response.items[1].create.status).toBe(201);
      expect(es.storedIds()).toEqual(['2']);
    });

    it.each([
      [
        '{"upsert":{"_index":"logs"}}\n{}\n',
        'Malformed action/metadata line [1], expected field [create], [delete], [index] or [update] but found [upsert]',
      ],
      [
        '{"create":{"_index":"logs","_type":"_doc"}}\n{}\n',
        'Action/metadata line [1] contains an unknown parameter [_type]',
      ],
      [
        '{"update":{"_index":"logs","_id":"1"}}\n{"doc":{}}\n',
        'The fake Elasticsearch does not implement the [update] action (line [1]); use index, create or delete',
      ],
      [
        '["create"]\n{}\n',
        'Malformed action/metadata line [1], expected START_OBJECT or END_OBJECT but found [START_ARRAY]',
      ],
    ])('fails the whole request with illegal_argument_exception for %j', async (body, reason) => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', { body, headers: ndjson });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).error).toMatchObject({
        type: 'illegal_argument_exception',
        reason,
      });
    });

    it('fails the whole request with action_request_validation_exception for a missing index or empty id', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_id":"1"}}\n{}\n{"create":{"_index":"logs","_id":""}}\n{}\n',
        headers: ndjson,
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).error).toMatchObject({
        type: 'action_request_validation_exception',
        reason:
          'Validation Failed: 1: index is missing;2: if _id is specified it must not be empty;',
      });
    });

    it('fails items aimed at an invalid index name with invalid_index_name_exception', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_index":"CWL-Logs","_id":"1"}}\n{"m":1}\n{"create":{"_index":"cwl-logs","_id":"2"}}\n{"m":2}\n',
        headers: ndjson,
      });
      expect(withoutTook(answer.text)).toBe(
        '{"errors":true,"took":0,"items":[' +
          '{"create":{"_index":"CWL-Logs","_id":"1","status":400,"error":{"type":"invalid_index_name_exception","reason":"Invalid index name [CWL-Logs], must be lowercase","index_uuid":"_na_","index":"CWL-Logs"}}},' +
          '{"create":{"_index":"cwl-logs","_id":"2","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}}]}',
      );
    });

    it('decodes gzip bodies and measures the compressed size as the largest request', async () => {
      const es = await start();
      const body = gzipSync(fixture('cloudwatch-bulk-request.ndjson'));
      const answer = await call(es, 'POST', '/_bulk', {
        body,
        headers: { ...ndjson, 'content-encoding': 'gzip' },
      });
      expect(answer.status).toBe(200);
      expect(es.storedIds()).toHaveLength(2);
      expect(es.stats().largestRequestBytes).toBe(body.length);
      expect(es.requests()[0]).toMatchObject({
        rawBytes: body.length,
        body: fixture('cloudwatch-bulk-request.ndjson'),
      });
    });

    it('answers 400 for a body that claims gzip but is not', async () => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: 'not gzip\n',
        headers: { ...ndjson, 'content-encoding': 'gzip' },
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).error.reason).toMatch(
        /^failed to decompress the request body \(content-encoding: gzip\): /,
      );
    });

    it.each([
      [undefined, 406, '{"error":"Content-Type header is missing","status":406}'],
      [
        'text/plain',
        406,
        '{"error":"Content-Type header [text/plain] is not supported","status":406}',
      ],
    ])('answers %s content-type with %i', async (contentType, status, body) => {
      const es = await start();
      const answer = await call(es, 'POST', '/_bulk', {
        body: Buffer.from('{"index":{"_index":"logs"}}\n{}\n'),
        headers: contentType === undefined ? {} : { 'content-type': contentType },
      });
      expect(answer.status).toBe(status);
      expect(answer.text).toBe(body);
    });

    it('accepts application/json and compatible-with media types', async () => {
      const es = await start();
      for (const contentType of [
        'application/json',
        'application/vnd.elasticsearch+x-ndjson; compatible-with=8',
        'application/x-ndjson; charset=utf-8',
      ]) {
        const answer = await call(es, 'POST', '/_bulk', {
          body: '{"index":{"_index":"logs"}}\n{}\n',
          headers: { 'content-type': contentType },
        });
        expect(answer.status).toBe(200);
      }
      expect(es.storedIds()).toHaveLength(3);
    });

    it('answers 405 to GET /_bulk and 400 to unknown routes, as Elasticsearch does', async () => {
      const es = await start();
      expect(await call(es, 'GET', '/_bulk')).toMatchObject({
        status: 405,
        text: '{"error":"Incorrect HTTP method for uri [/_bulk] and method [GET], allowed: [POST, PUT]","status":405}',
      });
      expect(await call(es, 'GET', '/logs/_mapping/x/y')).toMatchObject({
        status: 400,
        text: '{"error":"no handler found for uri [/logs/_mapping/x/y] and method [GET]","status":400}',
      });
    });
  });

  describe('reading back', () => {
    async function seed(es: FakeElasticsearch) {
      const lines = [
        ['cwl-2024.06.01', '1', 'payment declined for order 42'],
        ['cwl-2024.06.01', '2', 'Zahlung bestätigt'],
        ['cwl-2024.06.02', '3', 'payment accepted'],
        ['audit', '4', 'login by admin'],
      ].flatMap(([index, id, message]) => [
        JSON.stringify({ create: { _index: index, _id: id } }),
        JSON.stringify({ message, level: id === '1' ? 'error' : 'info' }),
      ]);
      await call(es, 'POST', '/_bulk', { body: `${lines.join('\n')}\n`, headers: ndjson });
    }

    it('counts documents in wildcard index patterns and 404s a missing concrete index', async () => {
      const es = await start();
      await seed(es);
      expect(JSON.parse((await call(es, 'GET', '/cwl-*/_count')).text)).toEqual({
        count: 3,
        _shards: { total: 2, successful: 2, skipped: 0, failed: 0 },
      });
      expect(JSON.parse((await call(es, 'GET', '/cwl-*,audit/_count?q=payment')).text).count).toBe(
        2,
      );
      expect(JSON.parse((await call(es, 'GET', '/nothing-*/_count')).text).count).toBe(0);
      const missing = await call(es, 'GET', '/missing/_count');
      expect(missing.status).toBe(404);
      expect(missing.text).toBe(
        '{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [missing]","resource.type":"index_or_alias","resource.id":"missing","index_uuid":"_na_","index":"missing"}],"type":"index_not_found_exception","reason":"no such index [missing]","resource.type":"index_or_alias","resource.id":"missing","index_uuid":"_na_","index":"missing"},"status":404}',
      );
    });

    it('searches message words case-insensitively, and field:value terms', async () => {
      const es = await start();
      await seed(es);
      const payment = JSON.parse((await call(es, 'GET', '/cwl-*/_search?q=PAYMENT')).text);
      expect(payment.hits.total).toEqual({ value: 2, relation: 'eq' });
      expect(payment.hits.hits.map((hit: { _id: string }) => hit._id)).toEqual(['1', '3']);
      expect(payment.hits.hits[0]).toEqual({
        _index: 'cwl-2024.06.01',
        _id: '1',
        _score: 1,
        _source: { message: 'payment declined for order 42', level: 'error' },
      });
      const unicode = JSON.parse(
        (await call(es, 'GET', `/_search?q=${encodeURIComponent('bestätigt')}`)).text,
      );
      expect(unicode.hits.hits.map((hit: { _id: string }) => hit._id)).toEqual(['2']);
      const field = JSON.parse((await call(es, 'GET', '/_search?q=level:error')).text);
      expect(field.hits.total.value).toBe(1);
      const paged = JSON.parse((await call(es, 'GET', '/_search?size=1&from=1')).text);
      expect(paged.hits.total.value).toBe(4);
      expect(paged.hits.hits.map((hit: { _id: string }) => hit._id)).toEqual(['2']);
    });

    it('matches wildcard terms against whole tokens, as query_string does', async () => {
      const es = await start();
      await seed(es);
      const ids = async (q: string) =>
        JSON.parse(
          (await call(es, 'GET', `/_search?q=${encodeURIComponent(q)}`)).text,
        ).hits.hits.map((hit: { _id: string }) => hit._id);
      expect(await ids('*clin*')).toEqual(['1']);
      expect(await ids('pay*')).toEqual(['1', '3']);
      expect(await ids('declin?d')).toEqual(['1']);
      expect(await ids('clin')).toEqual([]);
      expect(await ids('*(*')).toEqual([]);
    });

    it('lists indices with document counts in _cat/indices, as JSON strings or text', async () => {
      const es = await start();
      await seed(es);
      const rows = JSON.parse((await call(es, 'GET', '/_cat/indices?format=json')).text);
      expect(
        rows.map((row: Record<string, string>) => [row.index, row['docs.count'], row.health]),
      ).toEqual([
        ['cwl-2024.06.01', '2', 'yellow'],
        ['cwl-2024.06.02', '1', 'yellow'],
        ['audit', '1', 'yellow'],
      ]);
      const text = (await call(es, 'GET', '/_cat/indices/audit')).text;
      expect(text).toMatch(/^yellow open audit [A-Za-z0-9_-]{22} 1 1 1 0 \d+b \d+b \d+b\n$/);
    });

    it('gets one document by id, or found:false', async () => {
      const es = await start();
      await seed(es);
      expect(JSON.parse((await call(es, 'GET', '/audit/_doc/4')).text)).toEqual({
        _index: 'audit',
        _id: '4',
        _version: 1,
        _seq_no: 0,
        _primary_term: 1,
        found: true,
        _source: { message: 'login by admin', level: 'info' },
      });
      const missing = await call(es, 'GET', '/audit/_doc/9');
      expect(missing).toMatchObject({
        status: 404,
        text: '{"_index":"audit","_id":"9","found":false}',
      });
    });
  });

  describe('scripted faults', () => {
    it('answers a status fault with an HTML page, counts it, and stores nothing', async () => {
      const es = await start();
      es.injectFault({ kind: 'status', status: 502, times: 1 });
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"index":{"_index":"logs"}}\n{}\n',
        headers: ndjson,
      });
      expect(answer.status).toBe(502);
      expect(answer.headers.get('content-type')).toBe('text/html');
      expect(answer.text).toBe(
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
      );
      expect(es.storedIds()).toEqual([]);
      expect(es.stats()).toMatchObject({ requests: 1, bulkRequests: 0, faultsApplied: 1 });
      expect(
        (
          await call(es, 'POST', '/_bulk', {
            body: '{"index":{"_index":"logs"}}\n{}\n',
            headers: ndjson,
          })
        ).status,
      ).toBe(200);
    });

    it('sends a custom body and headers, only to matching requests, as many times as asked', async () => {
      const es = await start();
      const body =
        '{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}';
      es.injectFault({
        kind: 'status',
        status: 429,
        body,
        headers: { 'retry-after': '1' },
        times: 2,
        match: (request) => request.path.endsWith('/_bulk'),
      });
      expect((await call(es, 'GET', '/')).status).toBe(200);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const answer = await call(es, 'POST', '/_bulk', {
          body: '{"index":{"_index":"logs"}}\n{}\n',
          headers: ndjson,
        });
        expect(answer).toMatchObject({ status: 429, text: body });
        expect(answer.headers.get('content-type')).toBe('application/json');
        expect(answer.headers.get('retry-after')).toBe('1');
      }
      expect(
        (
          await call(es, 'POST', '/_bulk', {
            body: '{"index":{"_index":"logs"}}\n{}\n',
            headers: ndjson,
          })
        ).status,
      ).toBe(200);
    });

    it('resets the connection without storing anything', async () => {
      const es = await start();
      es.injectFault({ kind: 'reset' });
      await expect(
        call(es, 'POST', '/_bulk', { body: '{"index":{"_index":"logs"}}\n{}\n', headers: ndjson }),
      ).rejects.toThrow('fetch failed');
      expect(es.storedIds()).toEqual([]);
      expect(es.requestCount()).toBe(1);
    });

    it('stores the request but drops the response for a lost-response fault', async () => {
      const es = await start();
      es.injectFault({ kind: 'lost-response' });
      await expect(
        call(es, 'POST', '/_bulk', {
          body: '{"create":{"_index":"logs","_id":"1"}}\n{}\n',
          headers: ndjson,
        }),
      ).rejects.toThrow('fetch failed');
      expect(es.storedIds()).toEqual(['1']);
    });

    it('never answers a hung request, and close() still returns promptly', async () => {
      const es = await start();
      es.injectFault({ kind: 'hang' });
      const started = performance.now();
      await expect(
        fetch(`${es.url}/_bulk`, {
          method: 'POST',
          headers: ndjson,
          body: '{"index":{"_index":"logs"}}\n{}\n',
          signal: AbortSignal.timeout(150),
        }),
      ).rejects.toThrow('The operation was aborted due to timeout');
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      es.injectFault({ kind: 'hang' });
      const pending = fetch(`${es.url}/`).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await es.close();
      expect(await pending).toBeInstanceOf(TypeError);
    });

    it('delays a response by the scripted time, then handles it', async () => {
      const es = await start();
      es.injectFault({ kind: 'delay', ms: 120 });
      const started = performance.now();
      const answer = await call(es, 'GET', '/');
      expect(answer.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    });

    it('answers 413 with an HTML body above maxRequestBytes, counting the size as sent', async () => {
      const es = await start({ maxRequestBytes: 64 });
      const body = `{"index":{"_index":"logs"}}\n{"message":"${'x'.repeat(64)}"}\n`;
      const answer = await call(es, 'POST', '/_bulk', { body, headers: ndjson });
      expect(answer.status).toBe(413);
      expect(answer.text).toContain('<title>413 Payload Too Large</title>');
      expect(es.stats().largestRequestBytes).toBe(Buffer.byteLength(body));
      expect(es.storedIds()).toEqual([]);
    });

    it('drops unused faults and item failures on clearFaults()', async () => {
      const es = await start();
      es.injectFault({ kind: 'status', status: 503, times: Number.POSITIVE_INFINITY });
      es.failItems({ status: 429, times: Number.POSITIVE_INFINITY });
      es.clearFaults();
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"index":{"_index":"logs"}}\n{}\n',
        headers: ndjson,
      });
      expect(JSON.parse(answer.text).errors).toBe(false);
    });

    it('rejects malformed faults with invalid-fault errors', async () => {
      const es = await start();
      expect(() => es.injectFault({ kind: 'status', status: 200 })).toThrow(
        'Invalid fault: a status fault needs an integer status from 300 to 599; received 200',
      );
      expect(() => es.injectFault({ kind: 'hang', times: 0 })).toThrow(
        'Invalid fault: times must be a positive integer or Number.POSITIVE_INFINITY; received 0',
      );
      expect(() => es.injectFault({ kind: 'explode' } as never)).toThrow(SinkTestkitError);
      expect(() => es.failItems({ status: 200 })).toThrow(
        'failItems: status must be an integer from 400 to 599; received 200',
      );
    });
  });

  describe('failItems', () => {
    it('fails matching items with realistic defaults while the rest of the request succeeds', async () => {
      const es = await start();
      es.failItems({ match: (action) => action.id === '2', status: 429 });
      es.failItems({ match: (_action, source) => source?.bad === true, status: 400 });
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_index":"logs","_id":"1"}}\n{}\n{"create":{"_index":"logs","_id":"2"}}\n{}\n{"create":{"_index":"logs","_id":"3"}}\n{"bad":true}\n',
        headers: ndjson,
      });
      const items = JSON.parse(answer.text).items;
      expect(answer.status).toBe(200);
      expect(items[0].create.status).toBe(201);
      expect(items[1].create).toEqual({
        _index: 'logs',
        _id: '2',
        status: 429,
        error: {
          type: 'es_rejected_execution_exception',
          reason:
            'rejected execution of primary operation [shard_detail=[logs][0][P], shard_operation_bytes=1024, max_coordinating_and_primary_bytes=0]',
        },
      });
      expect(items[2].create).toMatchObject({
        status: 400,
        error: { type: 'document_parsing_exception' },
      });
      expect(es.storedIds()).toEqual(['1']);
      expect(es.stats()).toMatchObject({ itemsAccepted: 1, itemsFailed: 2 });
      const retry = await call(es, 'POST', '/_bulk', {
        body: '{"create":{"_index":"logs","_id":"2"}}\n{}\n',
        headers: ndjson,
      });
      expect(JSON.parse(retry.text).errors).toBe(false);
      expect(es.storedIds()).toEqual(['1', '2']);
    });

    it('uses a given type and reason, for as many items as times says', async () => {
      const es = await start();
      es.failItems({ status: 503, type: 'node_closed_exception', reason: 'node closed', times: 2 });
      const answer = await call(es, 'POST', '/_bulk', {
        body: '{"index":{"_index":"logs","_id":"1"}}\n{}\n{"index":{"_index":"logs","_id":"2"}}\n{}\n{"index":{"_index":"logs","_id":"3"}}\n{}\n',
        headers: ndjson,
      });
      const items = JSON.parse(answer.text).items;
      expect(items.map((item: { index: { status: number } }) => item.index.status)).toEqual([
        503, 503, 201,
      ]);
      expect(items[0].index.error).toEqual({
        type: 'node_closed_exception',
        reason: 'node closed',
      });
    });
  });

  describe('authentication', () => {
    const basic = (username: string, password: string) =>
      `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

    it('accepts the right basic credentials and answers 401 security_exception otherwise', async () => {
      const es = await start({
        auth: { kind: 'basic', username: 'elastic', password: 'changeme-123' },
      });
      expect(
        (
          await call(es, 'GET', '/', {
            headers: { authorization: basic('elastic', 'changeme-123') },
          })
        ).status,
      ).toBe(200);
      const missing = await call(es, 'GET', '/?pretty');
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe(
        'Basic realm="security", charset="UTF-8", Bearer realm="security", ApiKey',
      );
      expect(missing.text).toBe(
        '{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/?pretty]","header":{"WWW-Authenticate":["Basic realm=\\"security\\", charset=\\"UTF-8\\"","Bearer realm=\\"security\\"","ApiKey"]}}],"type":"security_exception","reason":"missing authentication credentials for REST request [/?pretty]","header":{"WWW-Authenticate":["Basic realm=\\"security\\", charset=\\"UTF-8\\"","Bearer realm=\\"security\\"","ApiKey"]}},"status":401}',
      );
      const wrong = await call(es, 'POST', '/_bulk', {
        body: '{"index":{"_index":"logs"}}\n{}\n',
        headers: { ...ndjson, authorization: basic('elastic', 'wrong-password') },
      });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.text).error.reason).toBe(
        'unable to authenticate user [elastic] for REST request [/_bulk]',
      );
      expect(wrong.text).not.toContain('wrong-password');
      expect(es.storedIds()).toEqual([]);
    });

    it('checks API keys sent as ApiKey base64(id:key)', async () => {
      const es = await start({
        auth: { kind: 'api-key', id: 'VuaCfGcBCdbkQm', apiKey: 'ui2lp2axTNmsyakw9tvNnw' },
      });
      const encoded = Buffer.from('VuaCfGcBCdbkQm:ui2lp2axTNmsyakw9tvNnw').toString('base64');
      expect(
        (await call(es, 'GET', '/', { headers: { authorization: `ApiKey ${encoded}` } })).status,
      ).toBe(200);
      const wrong = await call(es, 'GET', '/', {
        headers: { authorization: 'ApiKey bm9wZTpub3Bl' },
      });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.text).error.reason).toBe(
        'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
      );
    });

    describe('sigv4', () => {
      const now = new Date();
      const amzDate = now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      const day = amzDate.slice(0, 8);
      const signature = 'a'.repeat(64);
      const signed = (
        overrides: {
          credential?: string;
          signedHeaders?: string;
          signature?: string;
          date?: string;
        } = {},
      ) => ({
        authorization: `AWS4-HMAC-SHA256 Credential=${overrides.credential ?? `AKIDEXAMPLE/${day}/eu-west-1/es/aws4_request`}, SignedHeaders=${overrides.signedHeaders ?? 'host;x-amz-date'}, Signature=${overrides.signature ?? signature}`,
        'x-amz-date': overrides.date ?? amzDate,
      });

      it('accepts a well-formed signature header and refuses an unsigned request like OpenSearch Service', async () => {
        const es = await start({
          auth: { kind: 'sigv4', region: 'eu-west-1', service: 'es', accessKeyId: 'AKIDEXAMPLE' },
        });
        expect((await call(es, 'GET', '/', { headers: signed() })).status).toBe(200);
        const unsigned = await call(es, 'POST', '/_bulk', {
          body: '{"index":{"_index":"l"}}\n{}\n',
          headers: ndjson,
        });
        expect(unsigned).toMatchObject({
          status: 403,
          text: '{"message":"User: anonymous is not authorized to perform: es:ESHttpPost because no resource-based policy allows the es:ESHttpPost action"}',
        });
      });

      it.each([
        [
          { credential: `AKIDEXAMPLE/${day}/us-east-1/es/aws4_request` },
          "Credential should be scoped to a valid region, not 'us-east-1'. Expected 'eu-west-1'.",
        ],
        [
          { credential: `AKIDEXAMPLE/${day}/eu-west-1/aoss/aws4_request` },
          "Credential should be scoped to correct service: 'es'. ",
        ],
        [
          { credential: `AKIDEXAMPLE/${day}/eu-west-1/es/aws4` },
          "Credential should be scoped with a valid terminator: 'aws4_request'.",
        ],
        [
          { credential: `OTHERKEY/${day}/eu-west-1/es/aws4_request` },
          'The security token included in the request is invalid.',
        ],
        [
          { credential: `AKIDEXAMPLE/19990101/eu-west-1/es/aws4_request` },
          `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '19990101' != '${day}', from '${amzDate}'.`,
        ],
        [
          { signedHeaders: 'x-amz-date' },
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        ],
        [
          { signedHeaders: 'host' },
          "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
        ],
        [
          { signedHeaders: 'x-amz-date;host' },
          'SignedHeaders must be lowercase header names sorted by character code.',
        ],
        [
          { signedHeaders: 'host;x-amz-date;x-amz-security-token' },
          'Signed header [x-amz-security-token] is missing from the request.',
        ],
        [
          { signature: 'XYZ' },
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        ],
        [
          {
            date: '20240601T000000Z',
            credential: 'AKIDEXAMPLE/20240601/eu-west-1/es/aws4_request',
          },
          'Signature expired: 20240601T000000Z is more than 300 seconds away from the server time.',
        ],
      ])('refuses %j with 403 "%s"', async (overrides, message) => {
        const es = await start({
          auth: { kind: 'sigv4', region: 'eu-west-1', service: 'es', accessKeyId: 'AKIDEXAMPLE' },
        });
        const answer = await call(es, 'GET', '/', { headers: signed(overrides) });
        expect(answer.status).toBe(403);
        expect(JSON.parse(answer.text)).toEqual({ message });
      });

      it('lists every missing part of an incomplete header', async () => {
        const es = await start({ auth: { kind: 'sigv4', region: 'eu-west-1', service: 'es' } });
        const answer = await call(es, 'GET', '/', {
          headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/x' },
        });
        expect(JSON.parse(answer.text).message).toBe(
          "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        );
      });

      it('requires x-amz-content-sha256 for aoss and checks it against the body as sent', async () => {
        const es = await start({ auth: { kind: 'sigv4', region: 'eu-west-1', service: 'aoss' } });
        const credential = `AKIDEXAMPLE/${day}/eu-west-1/aoss/aws4_request`;
        const body = gzipSync('{"index":{"_index":"logs"}}\n{}\n');
        const missing = await call(es, 'POST', '/_bulk', {
          body,
          headers: { ...ndjson, 'content-encoding': 'gzip', ...signed({ credential }) },
        });
        expect(JSON.parse(missing.text)).toEqual({
          message: 'OpenSearch Serverless requires the x-amz-content-sha256 header.',
        });
        const wrongHash = await call(es, 'POST', '/_bulk', {
          body,
          headers: {
            ...ndjson,
            'content-encoding': 'gzip',
            ...signed({ credential }),
            'x-amz-content-sha256': '0'.repeat(64),
          },
        });
        expect(JSON.parse(wrongHash.text)).toEqual({
          message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
        });
        const good = await call(es, 'POST', '/_bulk', {
          body,
          headers: {
            ...ndjson,
            'content-encoding': 'gzip',
            ...signed({ credential }),
            'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
          },
        });
        expect(good.status).toBe(200);
        expect(es.storedIds()).toHaveLength(1);
      });

      it('hands the raw request to verifyRequest and answers 403 when it says no', async () => {
        const seen: { path: string; body: string; date: unknown }[] = [];
        let accept = true;
        const es = await start({
          auth: {
            kind: 'sigv4',
            region: 'eu-west-1',
            service: 'es',
            verifyRequest: async (request) => {
              seen.push({
                path: request.path,
                body: request.body.toString('utf8'),
                date: request.headers['x-amz-date'],
              });
              return accept;
            },
          },
        });
        const body = '{"index":{"_index":"logs"}}\n{}\n';
        expect(
          (
            await call(es, 'POST', '/_bulk?refresh=false', {
              body,
              headers: { ...ndjson, ...signed() },
            })
          ).status,
        ).toBe(200);
        accept = false;
        const refused = await call(es, 'POST', '/_bulk', {
          body,
          headers: { ...ndjson, ...signed() },
        });
        expect(refused.status).toBe(403);
        expect(JSON.parse(refused.text).message).toMatch(
          /^The request signature we calculated does not match/,
        );
        expect(seen).toEqual([
          { path: '/_bulk?refresh=false', body, date: amzDate },
          { path: '/_bulk', body, date: amzDate },
        ]);
      });
    });
  });

  describe('options', () => {
    it.each([
      [
        { maxRequestBytes: 0 },
        'startFakeElasticsearch: option maxRequestBytes must be a positive integer; received 0',
      ],
      [
        { distribution: 'solr' },
        "startFakeElasticsearch: option distribution must be 'elasticsearch' or 'opensearch'; received \"solr\"",
      ],
      [
        { auth: { kind: 'basic', username: 'u', password: '' } },
        'startFakeElasticsearch: option auth.password must be a non-empty string; received "string"',
      ],
      [
        { auth: { kind: 'sigv4', region: 'eu-west-1', service: 's3' } },
        "startFakeElasticsearch: option auth.service must be 'es' or 'aoss'; received \"s3\"",
      ],
      [
        { auth: { kind: 'oauth' } },
        "startFakeElasticsearch: option auth.kind must be 'basic', 'api-key' or 'sigv4'; received \"oauth\"",
      ],
    ])('rejects %j', async (options, message) => {
      await expect(startFakeElasticsearch(options as never)).rejects.toThrow(message);
      await expect(startFakeElasticsearch(options as never)).rejects.toMatchObject({
        code: 'invalid-options',
      });
    });
  });
});
