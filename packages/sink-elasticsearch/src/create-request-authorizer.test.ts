import { inspect } from 'node:util';
import { isSinkError } from '@logferry/sink';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestAuthorizer } from './create-request-authorizer';
import type { ElasticsearchAuth } from './elasticsearch-sink-options';

const CUSTOM_HOST = new URL('https://logs.example.com');
const request = {
  method: 'POST',
  url: 'https://logs.example.com/_bulk',
  headers: { 'content-type': 'application/x-ndjson' },
  body: new Uint8Array([1, 2, 3]),
};
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

function authError(auth: unknown, url = CUSTOM_HOST): Error {
  try {
    createRequestAuthorizer(auth as ElasticsearchAuth, url);
  } catch (error) {
    expect(isSinkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-options', retryable: false });
    return error as Error;
  }
  throw new Error('createRequestAuthorizer accepted invalid auth');
}

const savedRegion = process.env.AWS_REGION;
afterEach(() => {
  if (savedRegion === undefined) delete process.env.AWS_REGION;
  else process.env.AWS_REGION = savedRegion;
});

describe('createRequestAuthorizer', () => {
  it('adds nothing for none', async () => {
    const authorizer = createRequestAuthorizer({ type: 'none' }, CUSTOM_HOST);
    expect(await authorizer.authorize(request)).toEqual({
      url: request.url,
      headers: request.headers,
    });
    expect(authorizer.describe()).toEqual({ type: 'none' });
  });

  it('adds Basic base64(user:password), UTF-8 encoded', async () => {
    const authorizer = createRequestAuthorizer(
      { type: 'basic', username: 'jürgen', password: 'pässwörd-123' },
      CUSTOM_HOST,
    );
    const { headers } = await authorizer.authorize(request);
    expect(headers.authorization).toBe(
      `Basic ${Buffer.from('jürgen:pässwörd-123', 'utf8').toString('base64')}`,
    );
    expect(headers['content-type']).toBe('application/x-ndjson');
    expect(authorizer.describe()).toEqual({ type: 'basic', username: 'jürgen' });
  });

  it('uses an encoded API key as is', async () => {
    const authorizer = createRequestAuthorizer(
      { type: 'api-key', apiKey: 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==' },
      CUSTOM_HOST,
    );
    expect((await authorizer.authorize(request)).headers.authorization).toBe(
      'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
    );
  });

  it('signs with the region from AWS_REGION for a custom host, and es as the service', async () => {
    process.env.AWS_REGION = 'ap-southeast-2';
    const authorizer = createRequestAuthorizer({ type: 'aws-sigv4', credentials }, CUSTOM_HOST);
    expect(authorizer.describe()).toEqual({
      type: 'aws-sigv4',
      service: 'es',
      region: 'ap-southeast-2',
    });
    const { headers, url } = await authorizer.authorize(request);
    expect(url).toBe('https://logs.example.com/_bulk');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-2\/es\/aws4_request, /,
    );
    expect(headers.host).toBeUndefined();
  });

  it('prefers explicit region and service over the URL', () => {
    const authorizer = createRequestAuthorizer(
      { type: 'aws-sigv4', service: 'aoss', region: 'eu-north-1', credentials },
      new URL('https://search-logs-abc.us-east-1.es.amazonaws.com'),
    );
    expect(authorizer.describe()).toEqual({
      type: 'aws-sigv4',
      service: 'aoss',
      region: 'eu-north-1',
    });
  });

  it.each([
    [undefined, 'Option auth must be'],
    [{ type: 'bearer', token: 'x' }, 'Option auth.type must be one of'],
    [
      { type: 'basic', username: 'a:b', password: 'secret-pass' },
      'Option auth.username must be a non-empty string without ":"',
    ],
    [
      { type: 'basic', username: 'elastic', password: '' },
      'Option auth.password must be a non-empty string; received a string of 0 characters',
    ],
    [
      { type: 'api-key', apiKey: 'has space' },
      'Option auth.apiKey must be a non-empty string of visible ASCII characters',
    ],
    [
      { type: 'aws-sigv4', service: 'es-serverless', credentials },
      "Option auth.service must be 'es' (OpenSearch Service domains) or 'aoss'",
    ],
    [
      { type: 'aws-sigv4', region: 'EU_WEST', credentials },
      'Option auth.region must be an AWS region such as "eu-west-1"',
    ],
    [
      { type: 'aws-sigv4', credentials: { accessKeyId: 'AKID' } },
      'Option auth.credentials is not usable for SigV4 signing',
    ],
  ])('refuses %j', (auth, message) => {
    process.env.AWS_REGION = 'eu-west-1';
    expect(authError(auth).message).toContain(message);
  });

  it('needs a region when neither the host nor AWS_REGION names one', () => {
    delete process.env.AWS_REGION;
    expect(authError({ type: 'aws-sigv4', credentials }).message).toBe(
      'Option auth.region is needed: the URL\'s host "logs.example.com" does not name a region and AWS_REGION is not set',
    );
  });

  it('needs a service for an AWS host that is not OpenSearch', () => {
    expect(
      authError({ type: 'aws-sigv4', credentials }, new URL('https://logs.eu-west-1.amazonaws.com'))
        .message,
    ).toContain('the URL\'s host is an AWS "logs" endpoint');
  });

  it('never shows a password or API key in its errors', () => {
    const error = authError({ type: 'api-key', apiKey: 'secret key with spaces' });
    expect(inspect(error, { depth: 5 })).not.toContain('secret key');
    expect(error.message).toContain('received a string of 22 characters');
  });
});
