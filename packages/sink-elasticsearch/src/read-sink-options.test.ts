import { inspect } from 'node:util';
import { isSinkError } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import type { ElasticsearchSinkOptions } from './elasticsearch-sink-options';
import { readSinkOptions } from './read-sink-options';

const base = { url: 'https://es.example.com', auth: { type: 'none' } } as const;

function readError(options: unknown): Error {
  try {
    readSinkOptions(options as ElasticsearchSinkOptions);
  } catch (error) {
    expect(isSinkError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid-options',
      retryable: false,
      sink: 'elasticsearch',
    });
    return error as Error;
  }
  throw new Error('readSinkOptions accepted invalid options');
}

describe('readSinkOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = readSinkOptions(base);
    expect(resolved).toMatchObject({
      baseUrl: 'https://es.example.com',
      serverless: false,
      compression: 'auto',
      gzipLevel: 1,
      maxBytes: 5_242_880,
      maxOperations: 5000,
      timeoutMs: 30_000,
    });
    expect(resolved.resolveFetch()).toBe(globalThis.fetch);
    expect(resolved.mapper.action).toBe('create');
  });

  it('keeps a path prefix without its trailing slashes', () => {
    expect(
      readSinkOptions({ ...base, url: new URL('http://127.0.0.1:9200/proxy/es//') }).baseUrl,
    ).toBe('http://127.0.0.1:9200/proxy/es');
  });

  it('marks an aoss target as serverless', () => {
    const resolved = readSinkOptions({
      url: 'https://abc123.us-east-1.aoss.amazonaws.com',
      auth: {
        type: 'aws-sigv4',
        credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret-key' },
      },
    });
    expect(resolved.serverless).toBe(true);
  });

  it.each([
    [
      null,
      'createElasticsearchSink needs an options object with at least url and auth; received null',
    ],
    [
      { ...base, indexTemplat: 'x' },
      'Unknown option "indexTemplat"; the options are url, auth, compression',
    ],
    [
      { ...base, url: 42 },
      "Option url must be the cluster's http(s) URL as a string or URL; received number",
    ],
    [
      { ...base, url: 'not a url' },
      'Option url must be an absolute http(s) URL; received a value that does not parse as a URL',
    ],
    [
      { ...base, url: 'ftp://es.example.com' },
      'Option url must use http: or https:; received protocol "ftp:"',
    ],
    [
      { ...base, url: 'https://elastic:hunter2-secret@es.example.com' },
      'Option url must not contain a user name or password (put credentials in option auth); received a URL with credentials for host "es.example.com"',
    ],
    [
      { ...base, url: 'https://es.example.com/?token=abc' },
      'Option url must not have a query string or fragment (the sink adds its own query to each request); received one for host "es.example.com"',
    ],
    [
      { ...base, compression: 'brotli' },
      `Option compression must be 'auto', 'gzip' or 'none'; received "brotli"`,
    ],
    [{ ...base, gzipLevel: 0 }, 'Option gzipLevel must be an integer from 1 to 9; received 0'],
    [
      { ...base, maxBytes: 512 },
      'Option maxBytes must be an integer from 1024 to 104857600; received 512',
    ],
    [
      { ...base, maxOperations: 1.5 },
      'Option maxOperations must be an integer from 1 to 1000000; received 1.5',
    ],
    [
      { ...base, timeoutMs: '30s' },
      'Option timeoutMs must be an integer from 1 to 900000; received "30s"',
    ],
    [
      { ...base, fetch: 'fetch' },
      'Option fetch must be a fetch function when given; received "fetch"',
    ],
    [{ ...base, indexTemplate: 'cwl-{date}' }, 'cwl-{date}'],
    [{ ...base, jsonMode: 'merge' }, 'jsonMode'],
    [
      { ...base, dataStream: 'logs', indexTemplate: 'cwl-{yyyy}' },
      'Options dataStream and indexTemplate exclude each other',
    ],
  ])('refuses %j', (options, message) => {
    expect(readError(options).message).toContain(message);
  });

  it('never echoes a URL password', () => {
    const error = readError({ ...base, url: 'https://elastic:hunter2-secret@es.example.com' });
    expect(inspect(error, { depth: 5 })).not.toContain('hunter2-secret');
  });

  it('keeps the bulk library error as cause for mapper options', () => {
    const error = readError({ ...base, maxJsonDepth: 0 });
    expect(error.message).toMatch(/maxJsonDepth/);
    expect(error.cause).toMatchObject({ name: 'BulkError', code: 'invalid-options' });
  });
});
