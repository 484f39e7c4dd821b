import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDocumentMapper } from './create-document-mapper';
import type { DocumentMapperOptions } from './document-mapper';
import { encodeBulkChunks } from './encode-bulk-chunks';
import { encodeBulkOperation } from './encode-bulk-operation';
import { BulkError } from './errors';
import type { LogEventRecord } from './log-event-record';

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/cloudwatch-log-events.json', import.meta.url), 'utf8'),
) as { events: LogEventRecord[] };
const [startLine, , powertoolsJson] = fixture.events as [
  LogEventRecord,
  LogEventRecord,
  LogEventRecord,
];

const ID = '36990390990134150016227618181431330390633573838329307136';

function event(overrides: Partial<LogEventRecord> = {}): LogEventRecord {
  return {
    id: ID,
    timestamp: 1658732828000,
    message: 'hello',
    owner: '123456789012',
    logGroup: '/aws/lambda/orders-api',
    logStream: 'stream-1',
    ...overrides,
  };
}

function lines(text: string): [unknown, Record<string, unknown>] {
  const [action, source, rest] = text.split('\n');
  expect(rest).toBe('');
  return [JSON.parse(action!), JSON.parse(source!)];
}

function expectError(run: () => unknown, code: string, message: string): BulkError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BulkError);
  expect((caught as BulkError).code).toBe(code);
  expect((caught as BulkError).message).toContain(message);
  return caught as BulkError;
}

describe('createDocumentMapper', () => {
  it('encodes a Lambda platform line to the exact default NDJSON pair', () => {
    const encoded = createDocumentMapper().encodeOperation(startLine);
    expect(encoded.text).toBe(
      `{"create":{"_index":"cwl-2022.07.25","_id":"${ID}"}}\n` +
        '{"@timestamp":"2022-07-25T07:07:08.000Z",' +
        '"message":"START RequestId: 6d4f2c5e-1b7a-4a8e-9c3d-2f1e0b9a8c7d Version: $LATEST\\n",' +
        '"cloud":{"provider":"aws","account":{"id":"123456789012"}},' +
        '"aws":{"cloudwatch":{"log_group":"/aws/lambda/orders-api",' +
        '"log_stream":"2022/07/25/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0",' +
        '"subscription_filters":["logferry"]}},' +
        `"event":{"id":"${ID}"}}\n`,
    );
    expect(encoded.byteLength).toBe(Buffer.byteLength(encoded.text));
  });

  it('puts the fields of a JSON message under "json" and keeps the message as is', () => {
    const mapper = createDocumentMapper();
    const document = mapper.createDocument(powertoolsJson);
    expect(document.message).toBe(powertoolsJson.message);
    expect(document.json).toEqual({
      level: 'INFO',
      message: 'order created',
      service: 'orders',
      timestamp: '2022-07-25T07:07:08.002Z',
      xray_trace_id: '1-62de401c-0a1b2c3d4e5f6a7b8c9d0e1f',
      orderId: 'o-1029',
      customerId: 'c-77',
      amount: 42.5,
      currency: 'EUR',
      items: [
        { sku: 'sku-1', quantity: 2 },
        { sku: 'sku-9', quantity: 1 },
      ],
    });
    expect(mapper.encodeOperation(powertoolsJson).text).toContain(
      `,"json":${powertoolsJson.message}}\n`,
    );
  });

  it('builds the same document as object and as NDJSON for every fixture event', () => {
    const mapper = createDocumentMapper();
    for (const fixtureEvent of fixture.events) {
      const encoded = mapper.encodeOperation(fixtureEvent);
      const [action, source] = lines(encoded.text);
      expect(action).toEqual({ create: { _index: 'cwl-2022.07.25', _id: fixtureEvent.id } });
      expect(source).toEqual(mapper.createDocument(fixtureEvent));
      expect(source['@timestamp']).toBe(new Date(fixtureEvent.timestamp).toISOString());
      expect(source.message).toBe(fixtureEvent.message);
      expect(encoded.byteLength).toBe(Buffer.byteLength(encoded.text));
      expect(mapper.createOperation(fixtureEvent)).toEqual({
        action: 'create',
        index: 'cwl-2022.07.25',
        id: fixtureEvent.id,
        source,
      });
    }
  });

  it('keeps extracted fields, ingestion time, region; omits empty subscription filters', () => {
    const mapper = createDocumentMapper({ region: 'eu-west-1' });
    const document = mapper.createDocument(
      event({
        extractedFields: { ip: '127.0.0.1', status_code: '401' },
        ingestionTime: 1658732829500,
        subscriptionFilters: [],
      }),
    );
    expect(document).toEqual({
      '@timestamp': '2022-07-25T07:07:08.000Z',
      message: 'hello',
      cloud: { provider: 'aws', region: 'eu-west-1', account: { id: '123456789012' } },
      aws: {
        cloudwatch: {
          log_group: '/aws/lambda/orders-api',
          log_stream: 'stream-1',
          ingestion_time: '2022-07-25T07:07:09.500Z',
          extracted_fields: { ip: '127.0.0.1', status_code: '401' },
        },
      },
      event: { id: ID },
    });
  });

  it('writes the right account, log group and stream when streams interleave or share a name', () => {
    const mapper = createDocumentMapper();
    const streams = [
      { owner: '111111111111', logGroup: 'g1', logStream: 's1' },
      { owner: '111111111111', logGroup: 'g2', logStream: 's2' },
      { owner: '111111111111', logGroup: 'g1', logStream: 's1' },
      { owner: '111111111111', logGroup: 'g2', logStream: 's1' },
      { owner: '222222222222', logGroup: 'g2', logStream: 's1' },
      { owner: '111111111111', logGroup: 'g1', logStream: 's1' },
    ];
    // More streams than the cache holds, then the first ones again.
    for (let index = 0; index < 70; index += 1) {
      streams.push({ owner: '111111111111', logGroup: 'g1', logStream: `many-${index}` });
    }
    streams.push(streams[0]!, streams[1]!);
    for (const stream of streams) {
      const source = mapper.encodeOperation(event(stream)).text.split('\n')[1]!;
      expect(source).toContain(
        `,"cloud":{"provider":"aws","account":{"id":"${stream.owner}"}},"aws":{"cloudwatch":{"log_group":"${stream.logGroup}","log_stream":"${stream.logStream}"}}`,
      );
    }
  });

  it('reuses the JSON text as written when safe, keeping integers beyond 2^53 exact', () => {
    const text = createDocumentMapper().encodeOperation(
      event({ message: '{"traceId":12345678901234567890}' }),
    ).text;
    expect(text).toContain(',"json":{"traceId":12345678901234567890}}\n');
  });

  it('re-serializes JSON with duplicate keys (Elasticsearch refuses them) keeping the last value', () => {
    const text = createDocumentMapper().encodeOperation(
      event({ message: '{"a":1,"b":{"c":1,"c":2},"a":3}' }),
    ).text;
    expect(text).toContain(',"json":{"a":3,"b":{"c":2}}}\n');
  });

  it('re-serializes pretty-printed JSON onto one line', () => {
    const encoded = createDocumentMapper().encodeOperation(
      event({ message: '{\n  "level": "info",\r\n  "n": 1\n}\n' }),
    );
    expect(encoded.text.split('\n')).toHaveLength(3);
    expect(encoded.text).toContain(',"json":{"level":"info","n":1}}\n');
  });

  it('escapes U+2028/U+2029 wherever they come from', () => {
    const mapper = createDocumentMapper();
    const message = '{"note":"a\\u2028b"} ';
    const encoded = mapper.encodeOperation(event({ message: `x\u2029y`, logStream: 's\u2028' }));
    expect(encoded.text).not.toMatch(/[\u2028\u2029]/);
    expect(lines(encoded.text)[1]).toMatchObject({
      message: 'x\u2029y',
      aws: { cloudwatch: { log_stream: 's\u2028' } },
    });
    const fromJson = mapper.encodeOperation(event({ message }));
    expect(fromJson.text).toContain('"json":{"note":"a\\u2028b"}');
    expect(lines(fromJson.text)[1]).toMatchObject({ json: { note: 'a\u2028b' } });
    expect(fromJson.byteLength).toBe(Buffer.byteLength(fromJson.text));
  });

  it('marks JSON over the caps and keeps it as text only', () => {
    const mapper = createDocumentMapper({ maxJsonDepth: 2, maxJsonFields: 3 });
    expect(mapper.createDocument(event({ message: '{"a":{"b":{"c":1}}}' }))).toMatchObject({
      logferry: { json_skipped: 'max-depth' },
      message: '{"a":{"b":{"c":1}}}',
    });
    expect(mapper.createDocument(event({ message: '{"a":1,"b":2,"c":3,"d":4}' })).logferry).toEqual(
      {
        json_skipped: 'max-fields',
      },
    );
    expect(mapper.createDocument(event({ message: '{"a..b":1}' }))).not.toHaveProperty('json');
    expect(mapper.createDocument(event({ message: '{"a..b":1}' })).logferry).toEqual({
      json_skipped: 'invalid-field-name',
    });
    expect(mapper.createDocument(event({ message: '{not json}' }))).not.toHaveProperty('logferry');
  });

  it('never parses messages with jsonMode off', () => {
    const document = createDocumentMapper({ jsonMode: 'off' }).createDocument(powertoolsJson);
    expect(document).not.toHaveProperty('json');
    expect(document.message).toBe(powertoolsJson.message);
  });

  it('uses the configured namespace, also a dotted one', () => {
    const mapper = createDocumentMapper({ jsonNamespace: 'app.fields' });
    expect(mapper.encodeOperation(event({ message: '{"a":1}' })).text).toContain(
      ',"app.fields":{"a":1}}\n',
    );
  });

  it('merges JSON into the root in root mode, moving keys that touch reserved fields under the namespace', () => {
    const mapper = createDocumentMapper({ jsonMode: 'root' });
    const message =
      '{"level":"info","message":"inner","aws.region":"x","cloud":{"a":1},"event":"e","_id":"y","json":2,"@timestamp":"t","logferry":1,"user":{"id":1},"awsome":true}';
    const document = mapper.createDocument(event({ message }));
    expect(document).toEqual({
      '@timestamp': '2022-07-25T07:07:08.000Z',
      message,
      cloud: { provider: 'aws', account: { id: '123456789012' } },
      aws: { cloudwatch: { log_group: '/aws/lambda/orders-api', log_stream: 'stream-1' } },
      event: { id: ID },
      level: 'info',
      user: { id: 1 },
      awsome: true,
      json: {
        message: 'inner',
        'aws.region': 'x',
        cloud: { a: 1 },
        event: 'e',
        _id: 'y',
        json: 2,
        '@timestamp': 't',
        logferry: 1,
      },
    });
  });

  it('reuses the JSON text in root mode when no key is reserved', () => {
    const mapper = createDocumentMapper({ jsonMode: 'root' });
    expect(
      mapper.encodeOperation(event({ message: ' {"n":12345678901234567890, "ok":true} ' })).text,
    ).toContain(`"event":{"id":"${ID}"},"n":12345678901234567890, "ok":true}\n`);
    expect(mapper.encodeOperation(event({ message: '{}' })).text).toContain(
      `"event":{"id":"${ID}"}}\n`,
    );
  });

  it('stores a "__proto__" key as data in root mode and pollutes nothing', () => {
    const mapper = createDocumentMapper({ jsonMode: 'root' });
    const encoded = mapper.encodeOperation(
      event({ message: '{"__proto__":{"polluted":true},"a":1}' }),
    );
    expect(encoded.text).toContain(',"a":1,"json":{"__proto__":{"polluted":true}}}\n');
    const document = mapper.createDocument(
      event({ message: '{"__proto__":{"polluted":true},"a":1}' }),
    );
    expect(Object.getOwnPropertyDescriptor(document.json, '__proto__')?.value).toEqual({
      polluted: true,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('truncates long messages on a character boundary with markers, without extracting JSON', () => {
    const mapper = createDocumentMapper({ maxMessageBytes: 10 });
    expect(mapper.createDocument(event({ message: 'héllo wörld, and more' }))).toMatchObject({
      message: 'héllo wö',
      logferry: { truncated: true, original_bytes: 23 },
    });
    const json = mapper.createDocument(event({ message: '{"a":"0123456789"}' }));
    expect(json).toMatchObject({
      message: '{"a":"0123',
      logferry: { truncated: true, original_bytes: 18 },
    });
    expect(json).not.toHaveProperty('json');
    expect(mapper.createDocument(event({ message: 'exactly10!' }))).not.toHaveProperty('logferry');
  });

  it('omits _id with documentIds "none" but keeps event.id', () => {
    const encoded = createDocumentMapper({ documentIds: 'none' }).encodeOperation(event());
    const [action, source] = lines(encoded.text);
    expect(action).toEqual({ create: { _index: 'cwl-2022.07.25' } });
    expect(source.event).toEqual({ id: ID });
    expect(encoded.byteLength).toBe(Buffer.byteLength(encoded.text));
  });

  it('writes the index action and the pipeline into the action line', () => {
    const mapper = createDocumentMapper({ action: 'index', pipeline: 'cloudwatch-logs' });
    expect(mapper.action).toBe('index');
    expect(mapper.encodeOperation(event()).text.split('\n')[0]).toBe(
      `{"index":{"_index":"cwl-2022.07.25","_id":"${ID}","pipeline":"cloudwatch-logs"}}`,
    );
    expect(mapper.createOperation(event())).toMatchObject({
      action: 'index',
      pipeline: 'cloudwatch-logs',
    });
  });

  it('routes by template: log group and owner are sanitized, the date is the event day in UTC', () => {
    const mapper = createDocumentMapper({ indexTemplate: 'logs-{owner}-{logGroup}-{yyyy.MM}' });
    expect(mapper.resolveIndexName(event({ logGroup: '/aws/Lambda/Orders_API#2' }))).toBe(
      'logs-123456789012-aws-lambda-orders_api-2-2022.07',
    );
    expect(mapper.encodeOperation(event({ timestamp: Date.UTC(2022, 7, 1) })).text).toMatch(
      /^\{"create":\{"_index":"logs-123456789012-aws-lambda-orders-api-2022\.08"/,
    );
  });

  it('writes every document to a data stream, with create only', () => {
    const mapper = createDocumentMapper({ dataStream: 'logs-cloudwatch-default' });
    expect(mapper.resolveIndexName(event({ timestamp: 0 }))).toBe('logs-cloudwatch-default');
    expect(lines(mapper.encodeOperation(event()).text)[0]).toEqual({
      create: { _index: 'logs-cloudwatch-default', _id: ID },
    });
  });

  it('lets toDocument build the document, with the default one on request', () => {
    const mapper = createDocumentMapper<
      LogEventRecord & { readonly position: { readonly shardId: string } }
    >({
      toDocument: (record, createDefaultDocument) => ({
        ...createDefaultDocument(),
        shard: record.position.shardId,
      }),
    });
    const record = { ...event(), position: { shardId: 'shardId-000000000000' } };
    const [action, source] = lines(mapper.encodeOperation(record).text);
    expect(action).toEqual({ create: { _index: 'cwl-2022.07.25', _id: ID } });
    expect(source).toMatchObject({
      message: 'hello',
      event: { id: ID },
      shard: 'shardId-000000000000',
    });
    expect(mapper.createOperation(record).source).toEqual(source);
  });

  it('does not build the default document when toDocument does not ask for it', () => {
    const mapper = createDocumentMapper({ toDocument: (record) => ({ m: record.message }) });
    expect(mapper.encodeOperation(event()).text.split('\n')[1]).toBe('{"m":"hello"}');
  });

  it('reports toDocument failures as invalid-document, keeping the cause', () => {
    const cause = new Error('boom');
    const throwing = createDocumentMapper({
      toDocument: () => {
        throw cause;
      },
    });
    expect(
      expectError(
        () => throwing.encodeOperation(event()),
        'invalid-document',
        `Option toDocument threw for event "${ID}"`,
      ).cause,
    ).toBe(cause);
    for (const returned of [null, [1], 'text']) {
      const mapper = createDocumentMapper({ toDocument: () => returned as object });
      expectError(
        () => mapper.createDocument(event()),
        'invalid-document',
        'must return a plain object',
      );
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expectError(
      () => createDocumentMapper({ toDocument: () => circular }).encodeOperation(event()),
      'invalid-operation',
      'JSON-serializable',
    );
    const own = new BulkError('mine', { code: 'invalid-event' });
    const rethrowing = createDocumentMapper({
      toDocument: () => {
        throw own;
      },
    });
    expect(() => rethrowing.createDocument(event())).toThrow(own);
  });

  it('refuses unusable events with a typed error naming the field, the rule and the value', () => {
    const mapper = createDocumentMapper();
    const cases: [unknown, string][] = [
      [null, 'A log event must be an object; received null'],
      [event({ id: '' }), 'Log event field id must be a non-empty string; received ""'],
      [event({ id: 7 as unknown as string }), 'field id must be a non-empty string; received 7'],
      [event({ id: 'x'.repeat(513) }), 'field id must be at most 512 UTF-8 bytes to be an _id'],
      [
        event({ timestamp: -1 }),
        'field timestamp must be an integer number of milliseconds from 0 to 253402300799999 (year 9999); received -1',
      ],
      [event({ timestamp: 1.5 }), 'received 1.5'],
      [event({ timestamp: '1658732828000' as unknown as number }), 'received "1658732828000"'],
      [event({ timestamp: 253402300800000 }), 'received 253402300800000'],
      [
        event({ message: undefined as unknown as string }),
        'field message must be a string; received undefined',
      ],
      [event({ logGroup: 1 as unknown as string }), 'field logGroup must be a string'],
      [event({ owner: null as unknown as string }), 'field owner must be a string'],
      [event({ logStream: {} as unknown as string }), 'field logStream must be a string'],
      [
        event({ subscriptionFilters: 'f' as unknown as string[] }),
        'field subscriptionFilters must be an array of strings when given',
      ],
      [
        event({ extractedFields: [] as unknown as Record<string, string> }),
        'field extractedFields must be an object when given',
      ],
      [event({ ingestionTime: Number.NaN }), 'field ingestionTime must be an integer'],
    ];
    for (const [input, message] of cases) {
      expectError(() => mapper.encodeOperation(input as LogEventRecord), 'invalid-event', message);
      expectError(() => mapper.createDocument(input as LogEventRecord), 'invalid-event', message);
    }
    expectError(
      () => mapper.resolveIndexName(event({ timestamp: -5 })),
      'invalid-event',
      'received -5',
    );
    expectError(
      () => mapper.resolveIndexName(null as unknown as LogEventRecord),
      'invalid-event',
      'must be an object',
    );
    // Without _id, a long event id is fine: it is only stored in event.id.
    expect(
      createDocumentMapper({ documentIds: 'none' }).createDocument(event({ id: 'x'.repeat(600) })),
    ).toMatchObject({
      event: { id: 'x'.repeat(600) },
    });
  });

  it('validates every option once, at creation, naming the option', () => {
    const cases: [unknown, string, string][] = [
      [null, 'invalid-options', 'createDocumentMapper options must be an object; received null'],
      [
        { action: 'update' },
        'invalid-options',
        'Option action must be one of "create", "index"; received "update"',
      ],
      [
        { documentIds: 'random' },
        'invalid-options',
        'Option documentIds must be one of "event-id", "none"',
      ],
      [
        { jsonMode: 'merge' },
        'invalid-options',
        'Option jsonMode must be one of "namespace", "root", "off"',
      ],
      [
        { jsonNamespace: '' },
        'invalid-options',
        'Option jsonNamespace must be a non-empty field name',
      ],
      [{ jsonNamespace: 'aws' }, 'invalid-options', 'received "aws"'],
      [{ jsonNamespace: 'event.fields' }, 'invalid-options', 'received "event.fields"'],
      [{ jsonNamespace: '_json' }, 'invalid-options', 'received "_json"'],
      [{ jsonNamespace: 'a..b' }, 'invalid-options', 'received "a..b"'],
      [
        { maxJsonDepth: 0 },
        'invalid-options',
        'Option maxJsonDepth must be an integer from 1 to 100; received 0',
      ],
      [
        { maxJsonFields: 100_001 },
        'invalid-options',
        'Option maxJsonFields must be an integer from 1 to 100000',
      ],
      [
        { maxMessageBytes: 1.5 },
        'invalid-options',
        'Option maxMessageBytes must be an integer from 1 to 104857600',
      ],
      [
        { pipeline: '' },
        'invalid-options',
        'Option pipeline must be a non-empty string when given; received ""',
      ],
      [
        { region: 42 },
        'invalid-options',
        'Option region must be a non-empty string when given; received 42',
      ],
      [{ toDocument: 'yes' }, 'invalid-options', 'Option toDocument must be a function when given'],
      [{ indexTemplate: 'cwl-{date}' }, 'invalid-template', 'unknown token {date}'],
      [{ dataStream: 'Logs' }, 'invalid-options', 'Option dataStream must be a valid index name'],
      [{ dataStream: '.ds-logs' }, 'invalid-options', 'received ".ds-logs"'],
      [{ dataStream: 'logs-{yyyy}' }, 'invalid-options', 'received "logs-{yyyy}"'],
      [
        { dataStream: 'logs', indexTemplate: 'cwl' },
        'invalid-options',
        'Options dataStream and indexTemplate exclude each other',
      ],
      [
        { dataStream: 'logs', action: 'index' },
        'invalid-options',
        'Option action must be "create" with dataStream',
      ],
    ];
    for (const [options, code, message] of cases) {
      expectError(() => createDocumentMapper(options as DocumentMapperOptions), code, message);
    }
  });

  it('can be used with encodeBulkChunks, unbound, reporting unusable events at their index', () => {
    const { encodeOperation } = createDocumentMapper();
    const records = [
      ...fixture.events.slice(0, 3),
      event({ timestamp: -1 }),
      ...fixture.events.slice(3),
    ];
    const results = [...encodeBulkChunks(records, { encode: encodeOperation })];
    expect(results.map((result) => result.kind)).toEqual(['invalid', 'chunk']);
    expect(results[0]).toMatchObject({
      kind: 'invalid',
      operationIndex: 3,
      error: { code: 'invalid-event' },
    });
    expect(results[1]).toMatchObject({ operationIndices: [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
  });

  it('encodes what encodeBulkOperation(createOperation(event)) encodes', () => {
    for (const options of [
      {},
      { jsonMode: 'root' as const },
      { documentIds: 'none' as const, pipeline: 'p' },
    ]) {
      const mapper = createDocumentMapper(options);
      for (const fixtureEvent of fixture.events) {
        const direct = mapper.encodeOperation(fixtureEvent);
        const viaObject = encodeBulkOperation(mapper.createOperation(fixtureEvent));
        expect(
          direct.text.split('\n').map((line) => (line === '' ? line : JSON.parse(line))),
        ).toEqual(
          viaObject.text.split('\n').map((line) => (line === '' ? line : JSON.parse(line))),
        );
      }
    }
  });
});
