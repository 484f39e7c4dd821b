import { isSinkError } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import type { HttpSinkOptions } from './http-sink-options';
import { resolveHttpSinkConfig } from './resolve-http-sink-config';

const url = 'https://logs.example.com/ingest';

function messageOf(options: unknown): string {
  try {
    resolveHttpSinkConfig(options as HttpSinkOptions);
  } catch (error) {
    expect(isSinkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-options', retryable: false });
    return (error as Error).message;
  }
  throw new Error('expected resolveHttpSinkConfig to throw');
}

describe('resolveHttpSinkConfig', () => {
  it.each([
    ['no options', undefined, 'option options must be an object; received undefined'],
    [
      'an unknown preset',
      { preset: 'splunk', url },
      `option preset must be 'generic', 'sumo-logic', 'logstash' or 'datadog'; received "splunk"`,
    ],
    ['no url', {}, 'option url must be an absolute http:// or https:// URL; received undefined'],
    [
      'a relative url',
      { url: '/ingest' },
      'option url must be an absolute http:// or https:// URL; received a string of 7 characters (not shown)',
    ],
    [
      'an ftp url',
      { url: 'ftp://logs.example.com/' },
      'option url must be an absolute http:// or https:// URL (got the ftp: scheme); received a string of 23 characters (not shown)',
    ],
    [
      'a bad name',
      { url, name: 'My Sink' },
      'option name must be a short name: 1 to 64 lower-case letters, digits, ".", "_" or "-"; received "My Sink"',
    ],
    [
      'a zero timeout',
      { url, timeoutMs: 0 },
      'option timeoutMs must be an integer from 1 to 600000; received number 0',
    ],
    [
      'a fractional maxBytes',
      { url, maxBytes: 1000.5 },
      'option maxBytes must be an integer from 256 to 67108864; received number 1000.5',
    ],
    [
      'a tiny maxBytes',
      { url, maxBytes: 100 },
      'option maxBytes must be an integer from 256 to 67108864; received number 100',
    ],
    [
      'zero maxEvents',
      { url, maxEvents: 0 },
      'option maxEvents must be an integer from 1 to 1000000; received number 0',
    ],
    [
      'maxEventBytes above maxBytes',
      { url, maxBytes: 1000, maxEventBytes: 1001 },
      'option maxEventBytes must be an integer from 2 to 1000; received number 1001',
    ],
    [
      'an unknown compression',
      { url, compression: 'br' },
      `option compression must be 'gzip' or 'none'; received "br"`,
    ],
    [
      'a toEvent that is no function',
      { url, toEvent: 'message' },
      'option toEvent must be a function from a record to a JSON object; received "message"',
    ],
    [
      'an unknown format',
      { url, format: 'xml' },
      `option format must be 'ndjson' or 'json-array'; received "xml"`,
    ],
    [
      'a GET method',
      { url, method: 'GET' },
      `option method must be 'POST' or 'PUT'; received "GET"`,
    ],
    [
      'a bad content type',
      { url, contentType: 'json' },
      'option contentType must be a media type such as application/json; received "json"',
    ],
    [
      'headers that are no object',
      { url, headers: ['x'] },
      'option headers must be an object of header names to values; received an array of 1',
    ],
    [
      'a bad header name',
      { url, headers: { 'X Env': 'a' } },
      'option headers must be an object whose keys are HTTP header names; received "X Env"',
    ],
    [
      'a managed header',
      { url, headers: { 'Content-Type': 'text/plain' } },
      'option headers must be free of content-type, content-length, content-encoding, transfer-encoding, host, connection (the sink sets them; use contentType for the media type); received "Content-Type"',
    ],
    [
      'a header value with a line break',
      { url, headers: { 'X-Key': 'abc\r\nInjected: 1' } },
      'option headers.X-Key must be a string of printable ASCII; received a string of 16 characters (not shown)',
    ],
    [
      'a header also set by auth',
      { url, headers: { Authorization: 'Token x' }, auth: { kind: 'bearer', token: 'abc' } },
      'option headers must be free of headers set elsewhere (authorization is set by both headers and auth); received "authorization"',
    ],
    [
      'an unknown auth kind',
      { url, auth: { kind: 'digest' } },
      `option auth.kind must be 'bearer', 'basic' or 'header'; received "digest"`,
    ],
    [
      'an empty bearer token',
      { url, auth: { kind: 'bearer', token: '' } },
      'option auth.token must be a non-empty string; received a string of 0 characters (not shown)',
    ],
    [
      'a multi-line header secret',
      { url, auth: { kind: 'header', name: 'X-Api-Key', value: 'a\nb' } },
      'option auth.value must be printable ASCII (it is sent in a header); received a string of 3 characters (not shown)',
    ],
    [
      'a bad auth header name',
      { url, auth: { kind: 'header', name: 'Api Key', value: 'v' } },
      'option auth.name must be an HTTP header name such as DD-API-KEY; received "Api Key"',
    ],
    [
      'a user name with a colon',
      { url, auth: { kind: 'basic', username: 'a:b', password: 'c' } },
      'option auth.username must be a user name without ":"; received a string of 3 characters (not shown)',
    ],
    [
      'a health check without url',
      { url, healthCheck: {} },
      'option healthCheck.url must be an absolute http:// or https:// URL; received undefined',
    ],
    [
      'a health check with a body method',
      { url, healthCheck: { url, method: 'POST' } },
      `option healthCheck.method must be 'GET', 'HEAD' or 'OPTIONS'; received "POST"`,
    ],
    [
      'a health check URL with user info',
      { url, healthCheck: { url: 'https://u:p@logs.example.com/' } },
      'option healthCheck.url must be a URL without user info (the sink adds its own credentials); received a string of 29 characters (not shown)',
    ],
  ])('fails for %s, naming the option, the rule and what was received', (_, options, message) => {
    expect(messageOf(options)).toBe(`createHttpSink: ${message}`);
  });

  it('never echoes a secret it refuses', () => {
    const secret = 'sup3r-secret-t0ken';
    for (const options of [
      { url: `ftp://user:${secret}@logs.example.com/` },
      { url, auth: { kind: 'bearer', token: `${secret}\n` } },
      { url, headers: { 'X-Key': `${secret}\u0000` } },
      { url, auth: { kind: 'basic', username: `${secret}:`, password: secret } },
    ]) {
      expect(messageOf(options)).not.toContain(secret);
    }
  });

  it.each([
    [
      'generic',
      { url },
      {
        name: 'http',
        format: 'ndjson',
        compression: 'none',
        maxBytes: 1_000_000,
        maxEvents: 10_000,
        maxEventBytes: 999_999,
        method: 'POST',
      },
    ],
    [
      'generic json-array',
      { url, format: 'json-array' },
      { format: 'json-array', maxEventBytes: 999_998 },
    ],
    [
      'sumo-logic',
      { preset: 'sumo-logic', url: 'https://e.sumologic.com/receiver/v1/http/abc' },
      {
        name: 'sumo-logic',
        format: 'ndjson',
        compression: 'gzip',
        maxBytes: 1_000_000,
        maxEvents: 10_000,
      },
    ],
    [
      'logstash',
      { preset: 'logstash', url },
      {
        name: 'logstash',
        format: 'json-array',
        compression: 'gzip',
        maxBytes: 1_000_000,
        maxEvents: 10_000,
      },
    ],
    [
      'datadog',
      { preset: 'datadog', apiKey: 'k3y-value' },
      {
        name: 'datadog',
        format: 'json-array',
        compression: 'gzip',
        maxBytes: 5_000_000,
        maxEvents: 1000,
        maxEventBytes: 1_000_000,
      },
    ],
  ] as const)('resolves the defaults of %s', (_, options, expected) => {
    expect(resolveHttpSinkConfig(options as HttpSinkOptions)).toMatchObject({
      timeoutMs: 10_000,
      ...expected,
    });
  });

  it('keeps explicit limits and a custom name', () => {
    expect(
      resolveHttpSinkConfig({
        url,
        name: 'audit-intake',
        timeoutMs: 2500,
        maxBytes: 4096,
        maxEvents: 10,
        maxEventBytes: 1024,
        compression: 'gzip',
      }),
    ).toMatchObject({
      name: 'audit-intake',
      timeoutMs: 2500,
      maxBytes: 4096,
      maxEvents: 10,
      maxEventBytes: 1024,
      compression: 'gzip',
    });
  });

  it('collects every credential string so reasons can be masked', () => {
    const config = resolveHttpSinkConfig({
      url,
      auth: { kind: 'basic', username: 'logferry', password: 'pa55word' },
      headers: { 'X-Tenant-Key': 'tenant-key-1' },
    });
    const encoded = Buffer.from('logferry:pa55word').toString('base64');
    expect(config.secrets).toEqual(['pa55word', encoded, `Basic ${encoded}`, 'tenant-key-1']);
    expect(config.headers).toEqual({
      'X-Tenant-Key': 'tenant-key-1',
      authorization: `Basic ${encoded}`,
      'content-type': 'application/x-ndjson',
      'user-agent': 'logferry-sink-http',
    });
  });
});
