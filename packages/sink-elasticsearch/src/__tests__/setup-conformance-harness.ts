import { createRequestSigner } from '@logferry/sigv4';
import {
  type FakeElasticsearchAuth,
  type SignedRequestInfo,
  type SinkConformanceHarness,
  startFakeElasticsearch,
} from '@logferry/sink-testkit';
import { createElasticsearchSink } from '../create-elasticsearch-sink';
import type { ElasticsearchAuth, ElasticsearchCompression } from '../elasticsearch-sink-options';

/**
 * Test credentials: long enough for the kit's leak search, obviously not real.
 *
 * @example
 * ```ts
 * const auth = { type: 'basic', username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password } as const;
 * ```
 */
export const TEST_CREDENTIALS = {
  username: 'logferry-writer',
  password: 'conformance-Pa55word!',
  apiKeyId: 'VuaCfGcBCdbkQm-e5aOx',
  apiKeySecret: 'ui2lp2axTNmsyakw9tvNnw-conformance',
  accessKeyId: 'AKIDLOGFERRYTEST0001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYLOGFERRYKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjELogferrySessionToken0123456789',
} as const;

/**
 * The auth setups the conformance suite runs with.
 *
 * @example
 * ```ts
 * const auth: HarnessAuth = 'sigv4-aoss';
 * ```
 */
export type HarnessAuth = 'basic' | 'api-key' | 'sigv4-es' | 'sigv4-aoss';

/**
 * Options of {@link setupConformanceHarness}.
 *
 * @example
 * ```ts
 * const options: ConformanceHarnessOptions = { auth: 'sigv4-es', compression: 'gzip' };
 * ```
 */
export interface ConformanceHarnessOptions {
  readonly auth: HarnessAuth;
  readonly compression: ElasticsearchCompression;
}

/**
 * The signing region of the SigV4 harnesses.
 *
 * @example
 * ```ts
 * const auth = { type: 'aws-sigv4', region: SIGV4_REGION } as const;
 * ```
 */
export const SIGV4_REGION = 'eu-west-1';
// Generous: a healthy request on a loaded 2-core CI machine can take several hundred ms.
const TIMEOUT_MS = 1000;
const MAX_REQUEST_BYTES = 65_536;

/**
 * Re-signs a received request with the test credentials, its date and its signed headers, and
 * compares the signatures: proves the body on the wire (compressed or not) is the body that was
 * signed. Used as the fake's `verifyRequest`.
 *
 * @example
 * ```ts
 * const fake = await startFakeElasticsearch({ auth: { kind: 'sigv4', region: SIGV4_REGION, service: 'es', verifyRequest: createSignatureVerifier('es') } });
 * ```
 */
export function createSignatureVerifier(
  service: 'es' | 'aoss',
): (request: SignedRequestInfo) => Promise<boolean> {
  const signer = createRequestSigner({
    region: SIGV4_REGION,
    service,
    credentials: {
      accessKeyId: TEST_CREDENTIALS.accessKeyId,
      secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
      sessionToken: TEST_CREDENTIALS.sessionToken,
    },
  });
  return async (request: SignedRequestInfo): Promise<boolean> => {
    const authorization = String(request.headers.authorization);
    const signedNames = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    const headers: Record<string, string> = {};
    for (const name of signedNames) {
      if (name === 'authorization') continue;
      headers[name] = String(request.headers[name]);
    }
    const amzDate = headers['x-amz-date'] ?? '';
    const signingDate = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const resigned = await signer.sign(
      {
        method: request.method,
        url: `http://${headers.host}${request.path}`,
        headers,
        body: request.body.length === 0 ? undefined : request.body,
      },
      { signingDate },
    );
    return resigned.headers.authorization === authorization;
  };
}

function chooseAuth(auth: HarnessAuth): {
  readonly fake: FakeElasticsearchAuth;
  readonly sink: ElasticsearchAuth;
  readonly secrets: readonly string[];
} {
  const { username, password, apiKeyId, apiKeySecret } = TEST_CREDENTIALS;
  switch (auth) {
    case 'basic':
      return {
        fake: { kind: 'basic', username, password },
        sink: { type: 'basic', username, password },
        secrets: [password, Buffer.from(`${username}:${password}`).toString('base64')],
      };
    case 'api-key': {
      const encoded = Buffer.from(`${apiKeyId}:${apiKeySecret}`).toString('base64');
      return {
        fake: { kind: 'api-key', id: apiKeyId, apiKey: apiKeySecret },
        sink: { type: 'api-key', apiKey: encoded },
        secrets: [apiKeySecret, encoded],
      };
    }
    case 'sigv4-es':
    case 'sigv4-aoss': {
      const service = auth === 'sigv4-es' ? 'es' : 'aoss';
      return {
        fake: {
          kind: 'sigv4',
          region: SIGV4_REGION,
          service,
          accessKeyId: TEST_CREDENTIALS.accessKeyId,
          verifyRequest: createSignatureVerifier(service),
        },
        sink: {
          type: 'aws-sigv4',
          service,
          region: SIGV4_REGION,
          credentials: {
            accessKeyId: TEST_CREDENTIALS.accessKeyId,
            secretAccessKey: TEST_CREDENTIALS.secretAccessKey,
            sessionToken: TEST_CREDENTIALS.sessionToken,
          },
        },
        secrets: [TEST_CREDENTIALS.secretAccessKey, TEST_CREDENTIALS.sessionToken],
      };
    }
  }
}

/**
 * A conformance harness: the sink on a fresh fake Elasticsearch (OpenSearch for SigV4) that
 * demands the chosen credentials, with every optional capability the kit can check.
 *
 * @example
 * ```ts
 * describeSinkConformance('elasticsearch', () => setupConformanceHarness({ auth: 'basic', compression: 'gzip' }));
 * ```
 */
export async function setupConformanceHarness(
  options: ConformanceHarnessOptions,
): Promise<SinkConformanceHarness> {
  const auth = chooseAuth(options.auth);
  const fake = await startFakeElasticsearch({
    auth: auth.fake,
    distribution: options.auth.startsWith('sigv4') ? 'opensearch' : 'elasticsearch',
  });
  const sink = createElasticsearchSink({
    url: fake.url,
    auth: auth.sink,
    compression: options.compression,
    maxBytes: MAX_REQUEST_BYTES,
    timeoutMs: TIMEOUT_MS,
  });
  return {
    sink,
    storedIds: async () => fake.storedIds(),
    requestCount: () => fake.requestCount(),
    injectFault: (fault) => fake.injectFault(fault),
    failRecords: (ids, outcome) =>
      fake.failItems({
        match: (action) => action.id !== undefined && ids.includes(action.id),
        status: outcome === 'retryable' ? 429 : 400,
        times: ids.length,
      }),
    maxRequestBytes: MAX_REQUEST_BYTES,
    largestRequestBytes: () => fake.stats().largestRequestBytes,
    storedMessages: async () =>
      new Map(fake.documents().map((document) => [document.id, String(document.source.message)])),
    secrets: auth.secrets,
    timeoutMs: TIMEOUT_MS,
    close: async () => {
      await sink.close();
      await fake.close();
    },
  };
}
