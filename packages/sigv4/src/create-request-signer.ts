import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ChecksumConstructor } from '@smithy/types';
import {
  type CachedCredentialsProvider,
  type CredentialsSource,
  createCredentialsProvider,
} from './create-credentials-provider';
import { describeReceived } from './describe-received';
import { encodeQuery } from './encode-query';
import { encodeS3Path } from './encode-s3-path';
import { isSigningError, SigningError } from './errors';
import { type InspectFunction, inspectCustom } from './inspect-custom';
import { normalizeBody } from './normalize-body';
import { normalizeHeaders } from './normalize-headers';
import { normalizeMethod } from './normalize-method';
import { parseRequestUrl } from './parse-request-url';
import { resolveSigningScope } from './resolve-signing-scope';
import { selectSha256 } from './select-sha256';
import { getServiceSigningRules } from './service-signing-rules';
import type { SignableRequest } from './signable-request';
import type { SignedRequest } from './signed-request';

/**
 * Options of {@link createRequestSigner}.
 *
 * @example
 * ```ts
 * const options: RequestSignerOptions = { region: 'eu-west-1', service: 'es', credentials: fromNodeProviderChain() };
 * ```
 */
export interface RequestSignerOptions {
  /**
   * The signing region. Always wins over the URL.
   * @default inferred from each request's URL by {@link inferAwsEndpoint}; `missing-region` if it cannot be
   */
  readonly region?: string;
  /**
   * The service signing name: `es` (OpenSearch / Elasticsearch managed domains), `aoss`
   * (OpenSearch Serverless), `s3`, or any other AWS signing name. Always wins over the URL.
   * @default inferred from each request's URL by {@link inferAwsEndpoint}; `missing-service` if it cannot be
   */
  readonly service?: string;
  /**
   * Static credentials, an async provider such as `fromNodeProviderChain()`, or a
   * {@link createCredentialsProvider} result shared between signers.
   * @default environment variables `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, read at sign time
   */
  readonly credentials?: CredentialsSource;
  /**
   * Add and sign `x-amz-content-sha256` (the hex SHA-256 of the body). S3 and OpenSearch
   * Serverless require it; other services accept requests without it.
   * @default true for `s3` and `aoss`, false for every other service
   */
  readonly applyChecksum?: boolean;
  /**
   * Normalise the path (`//`, `.`, `..`) and URI-encode it a second time in the canonical request,
   * as every AWS service except S3 expects. With `false` the path is signed encoded exactly once
   * and not normalised, as S3 expects.
   * @default false for `s3`, true for every other service
   */
  readonly uriEscapePath?: boolean;
  /**
   * The SHA-256 implementation: `'native'` (Node's `node:crypto`, about 19× faster on large bodies),
   * `'portable'` (the pure-JavaScript `@aws-crypto/sha256-js`, for runtimes without `node:crypto`),
   * or any smithy `ChecksumConstructor`. Both built-ins produce identical signatures.
   * @default 'native' where `node:crypto` is available, else 'portable'
   */
  readonly sha256?: 'native' | 'portable' | ChecksumConstructor;
}

/**
 * Per-call options of {@link RequestSigner.sign}.
 *
 * @example
 * ```ts
 * const options: SignOptions = { signingDate: new Date('2015-08-30T12:36:00Z') };
 * ```
 */
export interface SignOptions {
  /**
   * The time the signature is made at (sent as `x-amz-date`; AWS rejects it when more than five
   * minutes off).
   * @default new Date()
   */
  readonly signingDate?: Date;
}

/**
 * Signs requests with AWS Signature Version 4. Holds the credentials cache, so build one per
 * destination and reuse it.
 *
 * @example
 * ```ts
 * const signer: RequestSigner = createRequestSigner({ service: 'es' });
 * const signed = await signer.sign({ method: 'GET', url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com/' });
 * ```
 */
export interface RequestSigner {
  /**
   * Signs a request. The returned headers and URL are exactly what must be sent.
   * @throws {SigningError}
   */
  sign(request: SignableRequest, signOptions?: SignOptions): Promise<SignedRequest>;
  /** A redacted description of the signer: region, service and credentials source. */
  toJSON(): Record<string, unknown>;
}

/**
 * Creates a SigV4 request signer over `@smithy/signature-v4` (the AWS SDK's implementation) with
 * Node's native SHA-256 where available (else the pure-JavaScript `@aws-crypto/sha256-js`). On top of it: region and service
 * inference from the URL (explicit options win), per-service rules (S3 path encoding, payload hash
 * header for S3 and OpenSearch Serverless), cached credentials, and a request model in which the
 * bytes sent are always the bytes signed.
 *
 * @throws {SigningError} `invalid-options` at construction; see {@link RequestSigner.sign} for the rest.
 *
 * @example
 * ```ts
 * import { gzipSync } from 'node:zlib';
 *
 * const signer = createRequestSigner({ service: 'es' }); // region from the URL, credentials from the environment
 * const signed = await signer.sign({
 *   method: 'POST',
 *   url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com/_bulk',
 *   headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
 *   body: gzipSync(ndjson),
 * });
 * await fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
 * ```
 */
export function createRequestSigner(options: RequestSignerOptions = {}): RequestSigner {
  if (typeof options !== 'object' || options === null) {
    throw new SigningError(
      `createRequestSigner options must be an object, received ${describeReceived(options)}.`,
      { code: 'invalid-options' },
    );
  }
  const region = validateScopePart('region', options.region, /^[A-Za-z0-9-]+$/);
  const service = validateScopePart('service', options.service, /^[A-Za-z0-9._-]+$/);
  const applyChecksum = validateOptionalBoolean('applyChecksum', options.applyChecksum);
  const uriEscapePath = validateOptionalBoolean('uriEscapePath', options.uriEscapePath);
  const sha256 = resolveSha256(options.sha256);
  const credentials: CachedCredentialsProvider = createCredentialsProvider({
    credentials: options.credentials,
  });

  // smithy fixes checksum and path rules per instance; region and service are given per call.
  const signatureV4ByRules = new Map<string, SignatureV4>();
  function getSignatureV4(rules: { applyChecksum: boolean; uriEscapePath: boolean }): SignatureV4 {
    const key = `${rules.applyChecksum}:${rules.uriEscapePath}`;
    let signatureV4 = signatureV4ByRules.get(key);
    if (signatureV4 === undefined) {
      signatureV4 = new SignatureV4({
        credentials,
        region: region ?? '',
        service: service ?? '',
        sha256,
        applyChecksum: rules.applyChecksum,
        uriEscapePath: rules.uriEscapePath,
      });
      signatureV4ByRules.set(key, signatureV4);
    }
    return signatureV4;
  }

  async function sign(
    request: SignableRequest,
    signOptions: SignOptions = {},
  ): Promise<SignedRequest> {
    if (typeof request !== 'object' || request === null) {
      throw new SigningError(
        `The request to sign must be an object with method and url, received ${describeReceived(request)}.`,
        { code: 'invalid-request' },
      );
    }
    const signingDate = signOptions.signingDate ?? new Date();
    if (!(signingDate instanceof Date) || Number.isNaN(signingDate.getTime())) {
      throw new SigningError(
        `The "signingDate" option must be a valid Date, received ${describeReceived(signingDate)}.`,
        { code: 'invalid-request' },
      );
    }
    const method = normalizeMethod(request.method);
    const url = parseRequestUrl(request.url);
    const headers = normalizeHeaders(request.headers);
    const body = normalizeBody(request.body);
    const scope = resolveSigningScope(url, { region, service });
    const defaults = getServiceSigningRules(scope.service);
    const rules = {
      applyChecksum: applyChecksum ?? defaults.applyChecksum,
      uriEscapePath: uriEscapePath ?? defaults.uriEscapePath,
    };
    // Services other than S3 re-encode the path they receive, so it is signed as sent; S3 decodes
    // it first, so it is re-encoded strictly and sent in that same form.
    const path = rules.uriEscapePath ? url.pathname : encodeS3Path(url.pathname);
    const { query, search } = encodeQuery(url.searchParams);
    headers.host ??= url.host;

    let signed: HttpRequest;
    try {
      signed = (await getSignatureV4(rules).sign(
        new HttpRequest({
          method,
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port === '' ? undefined : Number(url.port),
          path,
          query,
          headers,
          body,
        }),
        { signingDate, signingRegion: scope.region, signingService: scope.service },
      )) as HttpRequest;
    } catch (error) {
      if (isSigningError(error)) throw error;
      throw new SigningError(
        `Signing ${method} ${describeReceived(`${url.origin}${path}`)} failed in @smithy/signature-v4: ${error instanceof Error ? describeReceived(error.message) : describeReceived(error)}.`,
        { code: 'signing-failed', cause: error },
      );
    }
    return {
      method,
      url: `${url.protocol}//${url.host}${path}${search === '' ? '' : `?${search}`}`,
      headers: Object.fromEntries(Object.entries(signed.headers)),
      body,
    };
  }

  const toJSON = () => ({
    region: region ?? '(inferred from the URL)',
    service: service ?? '(inferred from the URL)',
    ...(applyChecksum === undefined ? {} : { applyChecksum }),
    ...(uriEscapePath === undefined ? {} : { uriEscapePath }),
    credentials: credentials.toJSON(),
  });
  return {
    sign,
    toJSON,
    [inspectCustom]: (_depth: number, inspectOptions: unknown, inspect: InspectFunction) =>
      `RequestSigner ${inspect(toJSON(), inspectOptions)}`,
  } as RequestSigner;
}

function validateScopePart(
  name: 'region' | 'service',
  value: unknown,
  pattern: RegExp,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new SigningError(
      `The "${name}" option must be a non-empty string of letters, digits and dashes${name === 'service' ? ', dots or underscores' : ''} (it becomes part of the credential scope), received ${describeReceived(value)}.`,
      { code: 'invalid-options' },
    );
  }
  return value;
}

function resolveSha256(value: unknown): ChecksumConstructor {
  if (value === undefined || value === 'native') return selectSha256();
  if (value === 'portable') return Sha256;
  if (typeof value === 'function') return value as ChecksumConstructor;
  throw new SigningError(
    `The "sha256" option must be 'native', 'portable' or a ChecksumConstructor, received ${describeReceived(value)}.`,
    { code: 'invalid-options' },
  );
}

function validateOptionalBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new SigningError(
    `The "${name}" option must be a boolean, received ${describeReceived(value)}.`,
    {
      code: 'invalid-options',
    },
  );
}
