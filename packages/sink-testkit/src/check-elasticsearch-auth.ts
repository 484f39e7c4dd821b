import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { renderElasticsearchError } from './render-elasticsearch-error';
import type { ScriptedResponse } from './start-scripted-server';

/**
 * A request as a SigV4 `verifyRequest` hook sees it: everything needed to recompute the
 * signature.
 *
 * @example
 * ```ts
 * const verify = (request: SignedRequestInfo) => request.headers.host === '127.0.0.1:9200';
 * ```
 */
export interface SignedRequestInfo {
  readonly method: string;
  /** Path and query string as sent. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as sent (compressed when the client compressed it). */
  readonly body: Buffer;
}

/**
 * Which credentials the fake Elasticsearch demands.
 *
 * - `basic`: `Authorization: Basic base64(username:password)`; failures are 401
 *   `security_exception`, as Elasticsearch security answers.
 * - `api-key`: `Authorization: ApiKey base64(id:apiKey)`; failures are 401.
 * - `sigv4`: an Amazon OpenSearch Service (`es`) or Serverless (`aoss`) domain. The header's
 *   presence and format are checked (credential scope, `x-amz-date`, signed `host`, 64-hex
 *   signature, `x-amz-content-sha256` for `aoss` and matching the body when present); failures
 *   are 403 with an AWS-style `{"message": …}` body. Pass `verifyRequest` to verify the
 *   signature itself (e.g. with `@smithy/signature-v4`).
 *
 * @example
 * ```ts
 * const auth: FakeElasticsearchAuth = { kind: 'sigv4', region: 'eu-west-1', service: 'es', accessKeyId: 'AKIDEXAMPLE' };
 * ```
 */
export type FakeElasticsearchAuth =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'api-key'; readonly id: string; readonly apiKey: string }
  | {
      readonly kind: 'sigv4';
      /** Region the credential scope must name, e.g. `us-east-1`. */
      readonly region: string;
      /** `es` for OpenSearch Service domains, `aoss` for OpenSearch Serverless collections. */
      readonly service: 'es' | 'aoss';
      /**
       * Access key id the credential scope must start with.
       * @default any
       */
      readonly accessKeyId?: string;
      /**
       * Largest accepted distance between `x-amz-date` and now, in milliseconds (AWS allows 5 minutes).
       * @default 300000
       */
      readonly maxClockSkewMs?: number;
      /**
       * Full signature verification, called once the format checks pass; `false` answers 403
       * "The request signature we calculated does not match the signature you provided".
       * @default format checks only
       */
      readonly verifyRequest?: (request: SignedRequestInfo) => boolean | Promise<boolean>;
    };

const authenticateHeaders = [
  'Basic realm="security", charset="UTF-8"',
  'Bearer realm="security"',
  'ApiKey',
];

/**
 * Checks a request's credentials; resolves to the error response to send, or `undefined` when the
 * request may proceed. Error bodies name the user or key id at most, never a secret.
 *
 * @example
 * ```ts
 * const denied = await checkElasticsearchAuth({ kind: 'basic', username: 'elastic', password: 'changeme' }, request);
 * if (denied !== undefined) return denied;
 * ```
 */
export async function checkElasticsearchAuth(
  auth: FakeElasticsearchAuth,
  request: SignedRequestInfo,
): Promise<ScriptedResponse | undefined> {
  switch (auth.kind) {
    case 'basic':
      return checkBasic(auth, request);
    case 'api-key':
      return checkApiKey(auth, request);
    case 'sigv4':
      return checkSigV4(auth, request);
  }
}

function checkBasic(
  auth: Extract<FakeElasticsearchAuth, { kind: 'basic' }>,
  request: SignedRequestInfo,
): ScriptedResponse | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return securityError(missingCredentials(request));
  const match = /^basic\s+(\S+)$/i.exec(header);
  if (match === null) {
    return securityError(
      'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
    );
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  const username = separator === -1 ? decoded : decoded.slice(0, separator);
  const password = separator === -1 ? '' : decoded.slice(separator + 1);
  if (username === auth.username && safeEqual(password, auth.password)) return undefined;
  return securityError(
    `unable to authenticate user [${username.slice(0, 64)}] for REST request [${request.path.slice(0, 200)}]`,
  );
}

function checkApiKey(
  auth: Extract<FakeElasticsearchAuth, { kind: 'api-key' }>,
  request: SignedRequestInfo,
): ScriptedResponse | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return securityError(missingCredentials(request));
  const match = /^apikey\s+(\S+)$/i.exec(header);
  const expected = Buffer.from(`${auth.id}:${auth.apiKey}`).toString('base64');
  if (match !== null && safeEqual(match[1]!, expected)) return undefined;
  return securityError(
    'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
  );
}

async function checkSigV4(
  auth: Extract<FakeElasticsearchAuth, { kind: 'sigv4' }>,
  request: SignedRequestInfo,
): Promise<ScriptedResponse | undefined> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') {
    return awsError(
      auth.service === 'aoss'
        ? 'Missing Authentication Token'
        : `User: anonymous is not authorized to perform: es:ESHttp${capitalize(request.method)} because no resource-based policy allows the es:ESHttp${capitalize(request.method)} action`,
    );
  }
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
    // The header is not echoed: it may hold a credential the test must not see in a response.
    return awsError('Authorization header requires the AWS4-HMAC-SHA256 algorithm.');
  }
  const parameters = new Map<string, string>();
  for (const part of header.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0)
      parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const amzDate = request.headers['x-amz-date'];
  const problems: string[] = [];
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!parameters.has(name)) problems.push(`Authorization header requires '${name}' parameter.`);
  }
  if (typeof amzDate !== 'string') {
    problems.push(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  if (problems.length > 0) return awsError(problems.join(' '));

  const credential = parameters.get('Credential')!.split('/');
  const date = amzDate as string;
  if (!/^\d{8}T\d{6}Z$/.test(date)) {
    return awsError(
      `X-Amz-Date must be in the ISO-8601 basic format yyyyMMdd'T'HHmmss'Z'; received [${date.slice(0, 40)}]`,
    );
  }
  if (credential.length !== 5) {
    return awsError(
      'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/aws4_request.',
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = credential as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (auth.accessKeyId !== undefined && accessKeyId !== auth.accessKeyId) {
    return awsError('The security token included in the request is invalid.');
  }
  if (scopeDate !== date.slice(0, 8)) {
    return awsError(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate.slice(0, 8)}' != '${date.slice(0, 8)}', from '${date}'.`,
    );
  }
  if (region !== auth.region) {
    return awsError(
      `Credential should be scoped to a valid region, not '${region.slice(0, 30)}'. Expected '${auth.region}'.`,
    );
  }
  if (service !== auth.service) {
    return awsError(`Credential should be scoped to correct service: '${auth.service}'. `);
  }
  if (terminator !== 'aws4_request') {
    return awsError("Credential should be scoped with a valid terminator: 'aws4_request'.");
  }
  const signedHeaders = parameters.get('SignedHeaders')!.split(';');
  if (!signedHeaders.includes('host')) {
    return awsError("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (!signedHeaders.includes('x-amz-date')) {
    return awsError("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const sorted = [...signedHeaders].sort();
  if (
    signedHeaders.some((name) => name !== name.toLowerCase()) ||
    sorted.join(';') !== signedHeaders.join(';')
  ) {
    return awsError('SignedHeaders must be lowercase header names sorted by character code.');
  }
  const missingHeader = signedHeaders.find((name) => request.headers[name] === undefined);
  if (missingHeader !== undefined) {
    return awsError(`Signed header [${missingHeader}] is missing from the request.`);
  }
  if (!/^[0-9a-f]{64}$/.test(parameters.get('Signature')!)) {
    return awsError(signatureMismatch);
  }
  const skew = Math.abs(Date.now() - parseAmzDate(date));
  if (skew > (auth.maxClockSkewMs ?? 300_000)) {
    return awsError(
      `Signature expired: ${date} is more than ${Math.round((auth.maxClockSkewMs ?? 300_000) / 1000)} seconds away from the server time.`,
    );
  }
  const contentHash = request.headers['x-amz-content-sha256'];
  if (auth.service === 'aoss' && contentHash === undefined) {
    return awsError('OpenSearch Serverless requires the x-amz-content-sha256 header.');
  }
  if (typeof contentHash === 'string' && contentHash !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(request.body).digest('hex');
    if (contentHash !== actual) {
      return awsError(
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  }
  if (auth.verifyRequest !== undefined && !(await auth.verifyRequest(request))) {
    return awsError(signatureMismatch);
  }
  return undefined;
}

const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function parseAmzDate(date: string): number {
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(4, 6)) - 1,
    Number(date.slice(6, 8)),
    Number(date.slice(9, 11)),
    Number(date.slice(11, 13)),
    Number(date.slice(13, 15)),
  );
}

function missingCredentials(request: SignedRequestInfo): string {
  return `missing authentication credentials for REST request [${request.path.slice(0, 200)}]`;
}

function securityError(reason: string): ScriptedResponse {
  return renderElasticsearchError(
    401,
    'security_exception',
    reason,
    { header: { 'WWW-Authenticate': authenticateHeaders } },
    { 'www-authenticate': authenticateHeaders },
  );
}

function awsError(message: string): ScriptedResponse {
  return {
    status: 403,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' },
    body: JSON.stringify({ message }),
  };
}

function safeEqual(received: string, expected: string): boolean {
  const left = Buffer.from(received);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

function capitalize(method: string): string {
  return method.charAt(0).toUpperCase() + method.slice(1).toLowerCase();
}
