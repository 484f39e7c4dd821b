import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { createSinks } from './create-sinks';
import { ConfigError } from './errors';

const settings = {
  AWS_REGION: 'eu-west-1',
  LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc.eu-west-1.es.amazonaws.com',
  LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
  LOGFERRY_HTTP_URL: 'https://endpoint4.collection.sumologic.com/receiver/v1/http/TOKEN-abc-123',
  LOGFERRY_HTTP_PRESET: 'sumo-logic',
  LOGFERRY_S3_KMS_KEY_ID: 'alias/logs',
  LOGFERRY_S3_ENDPOINT: 'http://127.0.0.1:9000',
};
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI-secret',
  sessionToken: 'session-token-123',
};
const noRequest: typeof fetch = () => Promise.reject(new Error('no request may be made'));
const record = {
  id: '36747623648293847923847238947239847298347293847234',
  timestamp: 1_717_200_000_000,
  message: 'hello',
  owner: '123456789012',
  logGroup: '/aws/lambda/checkout',
  logStream: 'stream',
  subscriptionFilters: ['all'],
  position: {
    shardId: 'shardId-000000000000',
    sequenceNumber: '1',
    recordIndex: 0,
    eventIndex: 0,
  },
};

describe('createSinks', () => {
  it('builds every configured sink in delivery order, the dead-letter store and the S3 connection', () => {
    const built = createSinks(loadConfig(settings), {
      fetch: noRequest,
      requestTimeoutMs: 2_000,
      s3Credentials: credentials,
    });
    expect(built.sinks.map((sink) => sink.name)).toEqual(['elasticsearch', 's3', 'sumo-logic']);
    expect(typeof built.deadLetterStore?.write).toBe('function');
    expect(built.serverSideEncryption).toEqual({ kmsKeyId: 'alias/logs' });
    expect(built.s3Connection).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials,
      timeoutMs: 2_000,
      fetch: noRequest,
    });
    const shown = inspect(built.sinks, { depth: 10 }) + JSON.stringify(built.sinks);
    expect(shown).not.toContain('TOKEN-abc-123');
  });

  it('builds only the wanted destinations, and no dead-letter store when none is configured', () => {
    const config = loadConfig(
      {
        LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
        LOGFERRY_ELASTICSEARCH_AUTH: 'none',
        LOGFERRY_HTTP_URL: 'http://127.0.0.1:8080/intake',
      },
      { purpose: 'replay' },
    );
    const built = createSinks(config, { destinations: ['http', 'archive'] });
    expect(built.sinks.map((sink) => sink.name)).toEqual(['http']);
    expect(built.deadLetterStore).toBeUndefined();
    expect(built.s3Connection).toEqual({});
    expect(built.serverSideEncryption).toBeUndefined();
    // The archive is a source for a replay: leaving it out of the destinations skips it.
    expect(
      createSinks(loadConfig(settings), { destinations: ['elasticsearch', 'http'] }).sinks.map(
        (sink) => sink.name,
      ),
    ).toEqual(['elasticsearch', 'sumo-logic']);
  });

  it('signs Elasticsearch requests with the given SigV4 credentials', async () => {
    const authorizations: (string | null)[] = [];
    const recording: typeof fetch = async (_input, init) => {
      authorizations.push(new Headers(init?.headers).get('authorization'));
      return new Response(JSON.stringify({ errors: false, items: [] }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const { sinks } = createSinks(
      loadConfig({ ...settings, LOGFERRY_HTTP_URL: '', LOGFERRY_HTTP_PRESET: '' }),
      { destinations: ['elasticsearch'], fetch: recording, sigv4Credentials: credentials },
    );
    await sinks[0]?.send([record]);
    expect(authorizations).toHaveLength(1);
    expect(authorizations[0]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/es\/aws4_request, /,
    );
  });

  it.each([
    // auto compresses until it has measured requests and compression.
    { setting: 'unset', compression: 'auto', contentEncoding: 'gzip', firstByte: 0x1f },
    { setting: 'auto', compression: 'auto', contentEncoding: 'gzip', firstByte: 0x1f },
    { setting: 'gzip', compression: 'gzip', contentEncoding: 'gzip', firstByte: 0x1f },
    // 0x7b is the "{" that opens the NDJSON action line.
    { setting: 'none', compression: 'none', contentEncoding: null, firstByte: 0x7b },
  ])(
    'builds the Elasticsearch sink with compression $compression when LOGFERRY_ELASTICSEARCH_COMPRESSION is $setting',
    async ({ setting, compression, contentEncoding, firstByte }) => {
      const requests: { contentEncoding: string | null; body: Uint8Array }[] = [];
      const recording: typeof fetch = async (_input, init) => {
        requests.push({
          contentEncoding: new Headers(init?.headers).get('content-encoding'),
          body: new Uint8Array(await new Response(init?.body).arrayBuffer()),
        });
        return new Response(JSON.stringify({ errors: false, items: [] }), {
          headers: { 'content-type': 'application/json' },
        });
      };
      const { sinks } = createSinks(
        loadConfig(
          {
            LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
            LOGFERRY_ELASTICSEARCH_AUTH: 'none',
            ...(setting === 'unset' ? {} : { LOGFERRY_ELASTICSEARCH_COMPRESSION: setting }),
          },
          { purpose: 'replay' },
        ),
        { fetch: recording },
      );
      expect(JSON.parse(JSON.stringify(sinks[0]))).toMatchObject({
        name: 'elasticsearch',
        compression,
        gzipLevel: 1,
      });
      await sinks[0]?.send([record]);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.contentEncoding).toBe(contentEncoding);
      expect(requests[0]?.body[0]).toBe(firstByte);
    },
  );

  it("collects every sink's option error into one ConfigError, without secrets", () => {
    let caught: unknown;
    try {
      createSinks(
        loadConfig(
          {
            LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
            LOGFERRY_ELASTICSEARCH_AUTH: 'none',
            LOGFERRY_INDEX_TEMPLATE: 'Logs-{nope}',
            LOGFERRY_HTTP_URL: 'https://intake.example.com/SECRETTOKEN',
            LOGFERRY_HTTP_PRESET: 'datadog',
          },
          { purpose: 'replay' },
        ),
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^the Elasticsearch sink \(LOGFERRY_ELASTICSEARCH_\* settings\): /);
    expect(problems[1]).toMatch(/^the HTTP sink \(LOGFERRY_HTTP_\* settings\): .*apiKey/);
    expect((caught as ConfigError).message).not.toContain('SECRETTOKEN');
  });
});
