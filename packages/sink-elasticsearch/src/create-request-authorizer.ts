import {
  type CachedCredentialsProvider,
  type CredentialsSource,
  createCredentialsProvider,
  createRequestSigner,
  inferAwsEndpoint,
  isSigningError,
  type RequestSigner,
} from '@logferry/sigv4';
import { describeReceived } from './describe-received';
import type { ElasticsearchAuth } from './elasticsearch-sink-options';
import { createSinkError } from './errors';

/**
 * A request about to be sent, as the authorizer sees it: the exact body bytes (compressed when
 * compressed), so SigV4 signs what goes on the wire.
 *
 * @example
 * ```ts
 * const request: AuthorizableRequest = { method: 'GET', url: 'https://es.example.com/', headers: {}, body: undefined };
 * ```
 */
export interface AuthorizableRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
}

/**
 * Adds credentials to requests. Secrets live only in this closure: nothing on the object reveals
 * them, and `describe()` is safe to log.
 *
 * @example
 * ```ts
 * const { url, headers } = await authorizer.authorize({ method: 'POST', url, headers: {}, body });
 * ```
 */
export interface RequestAuthorizer {
  /** The URL and headers to send (SigV4 may re-encode the query string it signed). */
  authorize(
    request: AuthorizableRequest,
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** Called after a 401/403, so the next request asks the credentials provider again. */
  forgetCredentials(): void;
  /** A description without secrets, e.g. `{ type: 'aws-sigv4', service: 'es', region: 'eu-west-1' }`. */
  describe(): Readonly<Record<string, string>>;
}

const AUTH_RULE =
  "{ type: 'aws-sigv4', service?, region?, credentials? }, { type: 'basic', username, password }, { type: 'api-key', apiKey } or { type: 'none' }";

function failAuth(message: string, cause?: unknown): never {
  throw createSinkError(message, {
    code: 'invalid-options',
    retryable: false,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Says what a secret field holds without showing it. */
function describeSecret(value: unknown): string {
  return typeof value === 'string' ? `a string of ${value.length} characters` : typeof value;
}

function createStaticAuthorizer(
  authorization: string | undefined,
  description: Readonly<Record<string, string>>,
): RequestAuthorizer {
  return {
    async authorize(request) {
      return {
        url: request.url,
        headers:
          authorization === undefined
            ? { ...request.headers }
            : { ...request.headers, authorization },
      };
    },
    forgetCredentials() {},
    describe: () => description,
  };
}

function createBasicAuthorizer(auth: Record<string, unknown>): RequestAuthorizer {
  const { username, password } = auth;
  if (typeof username !== 'string' || username === '' || /[:\r\n]/.test(username)) {
    failAuth(
      `Option auth.username must be a non-empty string without ":" or line breaks (basic auth joins user and password with ":"); received ${describeReceived(username)}`,
    );
  }
  if (typeof password !== 'string' || password === '') {
    failAuth(
      `Option auth.password must be a non-empty string; received ${describeSecret(password)}`,
    );
  }
  const token = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return createStaticAuthorizer(`Basic ${token}`, { type: 'basic', username });
}

function createApiKeyAuthorizer(auth: Record<string, unknown>): RequestAuthorizer {
  const { apiKey } = auth;
  // Visible ASCII only: anything else could not travel in a header or would split it.
  if (typeof apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(apiKey)) {
    failAuth(
      `Option auth.apiKey must be a non-empty string of visible ASCII characters (the "encoded" value Elasticsearch returns, or "id:api_key"); received ${describeSecret(apiKey)}`,
    );
  }
  // Base64 never contains ":", so a colon means the caller passed the raw id:api_key pair.
  const encoded = apiKey.includes(':') ? Buffer.from(apiKey, 'utf8').toString('base64') : apiKey;
  return createStaticAuthorizer(`ApiKey ${encoded}`, { type: 'api-key' });
}

function readSigningScope(
  auth: Record<string, unknown>,
  url: URL,
): { service: 'es' | 'aoss'; region: string } {
  const inferred = inferAwsEndpoint(url.href);
  const { service, region } = auth;
  if (service !== undefined && service !== 'es' && service !== 'aoss') {
    failAuth(
      `Option auth.service must be 'es' (OpenSearch Service domains) or 'aoss' (OpenSearch Serverless); received ${describeReceived(service)}`,
    );
  }
  if (
    service === undefined &&
    inferred !== undefined &&
    inferred.service !== 'es' &&
    inferred.service !== 'aoss'
  ) {
    failAuth(
      `Option auth.service is needed: the URL's host is an AWS "${inferred.service}" endpoint, not an OpenSearch domain (es) or Serverless collection (aoss); received host ${describeReceived(url.host)}`,
    );
  }
  if (region !== undefined && (typeof region !== 'string' || !/^[a-z0-9-]+$/.test(region))) {
    failAuth(
      `Option auth.region must be an AWS region such as "eu-west-1" (lowercase letters, digits and dashes); received ${describeReceived(region)}`,
    );
  }
  const resolvedRegion =
    (region as string | undefined) ?? inferred?.region ?? (process.env.AWS_REGION || undefined);
  if (resolvedRegion === undefined) {
    failAuth(
      `Option auth.region is needed: the URL's host ${describeReceived(url.host)} does not name a region and AWS_REGION is not set`,
    );
  }
  const resolvedService =
    (service as 'es' | 'aoss' | undefined) ?? (inferred?.service === 'aoss' ? 'aoss' : 'es');
  return { service: resolvedService, region: resolvedRegion };
}

function createSigV4Authorizer(auth: Record<string, unknown>, url: URL): RequestAuthorizer {
  const scope = readSigningScope(auth, url);
  let credentials: CachedCredentialsProvider;
  let signer: RequestSigner;
  try {
    // Our own provider, shared with the signer, so a 401/403 can drop cached credentials.
    credentials = createCredentialsProvider(
      auth.credentials === undefined ? {} : { credentials: auth.credentials as CredentialsSource },
    );
    signer = createRequestSigner({ ...scope, credentials });
  } catch (error) {
    const detail = isSigningError(error) ? error.message : describeReceived(String(error));
    failAuth(`Option auth.credentials is not usable for SigV4 signing: ${detail}`, error);
  }
  const description = { type: 'aws-sigv4', service: scope.service, region: scope.region };
  return {
    async authorize(request) {
      const signed = await signer.sign({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
      });
      // fetch always sends the URL's host itself and must not be given a host header.
      const { host: _host, ...headers } = signed.headers;
      return { url: signed.url, headers };
    },
    forgetCredentials() {
      credentials.invalidate();
    },
    describe: () => description,
  };
}

/**
 * Validates the `auth` option and returns the matching {@link RequestAuthorizer}: a static
 * `Authorization` header for `basic` and `api-key`, nothing for `none`, and a SigV4 signer for
 * `aws-sigv4` whose region and service come from the option, else from the URL's host
 * (`*.es.amazonaws.com`, `*.aoss.amazonaws.com`), else `AWS_REGION` and `es`.
 *
 * @throws {SinkError} `invalid-options` naming the auth field; secret fields are described by
 * type and length only.
 *
 * @example
 * ```ts
 * const authorizer = createRequestAuthorizer({ type: 'basic', username: 'elastic', password }, new URL(url));
 * ```
 */
export function createRequestAuthorizer(auth: ElasticsearchAuth, url: URL): RequestAuthorizer {
  if (typeof auth !== 'object' || auth === null) {
    failAuth(
      `Option auth must be ${AUTH_RULE}; received ${typeof auth === 'object' ? 'null' : typeof auth}`,
    );
  }
  const fields = auth as unknown as Record<string, unknown>;
  switch (fields.type) {
    case 'aws-sigv4':
      return createSigV4Authorizer(fields, url);
    case 'basic':
      return createBasicAuthorizer(fields);
    case 'api-key':
      return createApiKeyAuthorizer(fields);
    case 'none':
      return createStaticAuthorizer(undefined, { type: 'none' });
    default:
      return failAuth(
        `Option auth.type must be one of ${AUTH_RULE}; received type ${describeReceived(fields.type)}`,
      );
  }
}
