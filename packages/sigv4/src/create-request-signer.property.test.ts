import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRequestSigner } from './create-request-signer';
import type { SignableRequest } from './signable-request';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const origin = 'https://search-logs-abc123.eu-west-1.es.amazonaws.com';
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'] as const;
const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);

interface RequestParts {
  method: (typeof methods)[number];
  pathSegments: string[];
  query: Array<[string, string]>;
  headerValue: string;
  body: Uint8Array;
  signingTime: number;
}

const requestParts: fc.Arbitrary<RequestParts> = fc.record({
  method: fc.constantFrom(...methods),
  pathSegments: fc.array(word, { minLength: 1, maxLength: 3 }),
  query: fc.array(fc.tuple(word, fc.stringMatching(/^[a-z0-9]{0,6}$/)), { maxLength: 3 }),
  headerValue: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
  body: fc.uint8Array({ maxLength: 64 }),
  // Whole seconds between 2015 and 2035: x-amz-date has second precision.
  signingTime: fc
    .integer({ min: 1_420_070_400, max: 2_051_222_400 })
    .map((seconds) => seconds * 1000),
});

function buildRequest(parts: RequestParts): SignableRequest {
  const search = parts.query.map(([name, value]) => `${name}=${value}`).join('&');
  return {
    method: parts.method,
    url: `${origin}/${parts.pathSegments.join('/')}${search === '' ? '' : `?${search}`}`,
    headers: { 'x-logferry-batch': parts.headerValue },
    body: parts.body,
  };
}

/** Every mutation changes something the canonical request covers, in a way no rule normalises away. */
const mutations: Record<string, (parts: RequestParts) => RequestParts> = {
  method: (parts) => ({
    ...parts,
    method: methods[(methods.indexOf(parts.method) + 1) % methods.length]!,
  }),
  path: (parts) => ({
    ...parts,
    pathSegments: [...parts.pathSegments.slice(0, -1), `${parts.pathSegments.at(-1)}z`],
  }),
  query: (parts) => ({ ...parts, query: [...parts.query, ['added', '1']] }),
  'signed header value': (parts) => ({ ...parts, headerValue: `${parts.headerValue}x` }),
  body: (parts) => ({ ...parts, body: Uint8Array.from([...parts.body, 0]) }),
  date: (parts) => ({ ...parts, signingTime: parts.signingTime + 1000 }),
};

describe('createRequestSigner (property)', () => {
  const signer = createRequestSigner({ credentials });

  async function computeSignature(parts: RequestParts): Promise<string> {
    const signed = await signer.sign(buildRequest(parts), {
      signingDate: new Date(parts.signingTime),
    });
    return signed.headers.authorization!;
  }

  it('is deterministic, and changing any signed part changes the signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestParts,
        fc.constantFrom(...Object.keys(mutations)),
        async (parts, mutationName) => {
          const original = await computeSignature(parts);
          expect(await computeSignature(parts)).toBe(original);
          const mutated = mutations[mutationName]!(parts);
          expect(await computeSignature(mutated)).not.toBe(original);
        },
      ),
    );
  });

  it('signs the same whatever the letter case and order of header names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(
            fc.tuple(fc.stringMatching(/^x-[a-z]{1,6}$/), fc.stringMatching(/^[ -~]{0,10}$/)),
            { selector: ([name]) => name, maxLength: 5 },
          )
          .chain((headers) =>
            fc.tuple(
              fc.constant(headers),
              fc.shuffledSubarray(headers, {
                minLength: headers.length,
                maxLength: headers.length,
              }),
            ),
          ),
        async ([headers, shuffled]) => {
          const upperCased = Object.fromEntries(
            shuffled.map(([name, value]) => [name.toUpperCase(), value]),
          );
          const first = await signer.sign(
            { method: 'GET', url: `${origin}/`, headers: Object.fromEntries(headers) },
            { signingDate: new Date(0) },
          );
          const second = await signer.sign(
            { method: 'GET', url: `${origin}/`, headers: upperCased },
            { signingDate: new Date(0) },
          );
          expect(second.headers).toEqual(first.headers);
        },
      ),
    );
  });

  it('hashes exactly the bytes fetch sends for any string or byte body (OpenSearch Serverless)', async () => {
    const serverless = createRequestSigner({ credentials });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 256 })),
        async (body) => {
          const signed = await serverless.sign(
            { method: 'POST', url: 'https://abc123.us-east-1.aoss.amazonaws.com/logs/_doc', body },
            { signingDate: new Date(0) },
          );
          // fetch encodes a string body with TextEncoder (lone surrogates become U+FFFD).
          const sentBytes =
            typeof signed.body === 'string' ? new TextEncoder().encode(signed.body) : signed.body!;
          expect(signed.headers['x-amz-content-sha256']).toBe(
            createHash('sha256').update(sentBytes).digest('hex'),
          );
        },
      ),
    );
  });
});
