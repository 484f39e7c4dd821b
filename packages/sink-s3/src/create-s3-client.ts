import { isIP } from 'node:net';
import {
  createRequestSigner,
  inferAwsEndpoint,
  isSigningError,
  type RequestSigner,
} from '@logferry/sigv4';
import { SinkError } from '@logferry/sink';
import { buildS3Url, type S3BucketLocation } from './build-s3-url';
import { createInvalidOptionError } from './create-invalid-option-error';
import { describeKey } from './describe-key';
import { describeReceived } from './describe-received';
import type { S3ClientOptions } from './s3-client-options';

/**
 * One request to a bucket.
 *
 * @example
 * ```ts
 * const request: S3Request = { method: 'GET', query: { 'list-type': '2', prefix: 'archive/' } };
 * ```
 */
export interface S3Request {
  readonly method: 'GET' | 'PUT' | 'DELETE';
  /** The object key; absent for bucket operations such as ListObjectsV2. */
  readonly key?: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

/**
 * An S3 answer, any status, with its body read in full.
 *
 * @example
 * ```ts
 * if (response.status >= 300) throw toSinkError(classifyS3Failure(response, 'GET'), 's3');
 * ```
 */
export interface S3Response {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/**
 * A validated connection to one bucket. Holds the signer (and so the credentials cache): build
 * one per bucket and reuse it.
 *
 * @example
 * ```ts
 * const response = await client.send({ method: 'GET', key: 'archive/x.ndjson.gz' }, signal);
 * ```
 */
export interface S3Client {
  /** The name put in every `SinkError` (`s3`, `s3-dead-letter`). */
  readonly sink: string;
  readonly bucket: string;
  readonly region: string;
  readonly timeoutMs: number;
  /**
   * Signs and sends a request within `timeoutMs`, and reads the whole answer. Resolves with any
   * HTTP status; rejects only with a `SinkError`: `aborted` (the signal fired), `timeout`,
   * `network` (no answer: refused, reset), or `authentication`/`configuration` when signing fails.
   */
  send(request: S3Request, signal?: AbortSignal): Promise<S3Response>;
  /** Where the client points, without credentials: for `util.inspect` and `toJSON`. */
  describe(): Record<string, unknown>;
}

const defaultTimeoutMs = 10_000;
const maxTimeoutMs = 600_000;
const bucketPattern = /^[A-Za-z0-9._-]{3,255}$/;
const dnsCompatibleBucketPattern = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const regionPattern = /^[a-z0-9-]{1,64}$/;

/**
 * Validates {@link S3ClientOptions} and builds an {@link S3Client}.
 *
 * @param sink the name put in every `SinkError` (`s3`, `s3-dead-letter`).
 * @throws {SinkError} `invalid-options`, naming the option, the rule and what was received.
 * @example
 * ```ts
 * const client = createS3Client({ bucket: 'logs', region: 'eu-west-1' }, 's3');
 * ```
 */
export function createS3Client(options: S3ClientOptions, sink: string): S3Client {
  if (typeof options !== 'object' || options === null) {
    throw createInvalidOptionError(sink, 'options', 'an object', options);
  }
  const { bucket } = options;
  if (typeof bucket !== 'string' || !bucketPattern.test(bucket)) {
    throw createInvalidOptionError(
      sink,
      'bucket',
      'an S3 bucket name (3-255 letters, digits, dots, hyphens or underscores)',
      bucket,
    );
  }
  const endpointOption = readEndpoint(options.endpoint, sink);
  const region = readRegion(options.region, endpointOption, sink);
  const endpoint =
    endpointOption ??
    new URL(`https://s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
  if (options.forcePathStyle !== undefined && typeof options.forcePathStyle !== 'boolean') {
    throw createInvalidOptionError(sink, 'forcePathStyle', 'a boolean', options.forcePathStyle);
  }
  const location: S3BucketLocation = {
    endpoint,
    bucket,
    pathStyle: options.forcePathStyle ?? needsPathStyle(endpoint, bucket),
  };
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTimeoutMs) {
    throw createInvalidOptionError(
      sink,
      'timeoutMs',
      `an integer number of milliseconds from 1 to ${maxTimeoutMs}`,
      options.timeoutMs,
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw createInvalidOptionError(sink, 'fetch', 'a fetch function', options.fetch);
  }
  const fetchOption = options.fetch;
  let signer: RequestSigner;
  try {
    signer = createRequestSigner({ region, service: 's3', credentials: options.credentials });
  } catch (error) {
    throw createInvalidOptionError(
      sink,
      'credentials',
      'static credentials or a credentials provider',
      options.credentials,
      error,
    );
  }

  async function send(request: S3Request, signal?: AbortSignal): Promise<S3Response> {
    const what = describeRequest(request);
    if (signal?.aborted) {
      throw new SinkError(`${what} was not sent: the caller's signal had already aborted.`, {
        code: 'aborted',
        retryable: true,
        sink,
      });
    }
    const controller = new AbortController();
    const timeout = new SinkError(
      `${what} got no complete answer within ${timeoutMs} ms (timeoutMs).`,
      { code: 'timeout', retryable: true, sink },
    );
    const aborted = new SinkError(`${what} was aborted by the caller's signal.`, {
      code: 'aborted',
      retryable: true,
      sink,
    });
    const onAbort = () => controller.abort(aborted);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
    try {
      const url = buildS3Url(location, request.key, request.query);
      const signed = await whileNotAborted(
        signer.sign({
          method: request.method,
          url,
          headers: { ...request.headers },
          body: request.body,
        }),
        controller.signal,
      );
      const { host: _host, ...headers } = signed.headers;
      const response = await (fetchOption ?? globalThis.fetch)(signed.url, {
        method: signed.method,
        headers,
        body: signed.body,
        signal: controller.signal,
        // A signed request cannot follow a redirect; S3's 301/307 are classified instead.
        redirect: 'manual',
      });
      const body = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body,
      };
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      if (isSigningError(error)) {
        throw new SinkError(`${what} could not be signed: ${error.message}`, {
          code:
            error.code === 'missing-credentials' || error.code === 'credentials-provider-failed'
              ? 'authentication'
              : 'configuration',
          retryable: error.retryable,
          sink,
          cause: error,
        });
      }
      throw new SinkError(`${what} failed before S3 answered: ${describeNetworkError(error)}.`, {
        code: 'network',
        retryable: true,
        sink,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  function describeRequest(request: S3Request): string {
    return `${request.method} ${request.key === undefined ? `bucket ${describeReceived(bucket)}` : describeKey(request.key)}`;
  }

  return {
    sink,
    bucket,
    region,
    timeoutMs,
    send,
    describe: () => ({
      bucket,
      region,
      endpoint: endpoint.origin,
      pathStyle: location.pathStyle,
      timeoutMs,
    }),
  };
}

function readEndpoint(value: unknown, sink: string): URL | undefined {
  if (value === undefined) return undefined;
  const rule =
    'an http(s) origin such as "http://127.0.0.1:9000" (no path, query, user or password)';
  let url: URL;
  try {
    url = new URL(String(value));
  } catch (error) {
    throw createInvalidOptionError(sink, 'endpoint', rule, value, error);
  }
  if (
    typeof value !== 'string' ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    // Never echo a URL with a password in it.
    throw createInvalidOptionError(
      sink,
      'endpoint',
      rule,
      url.password === '' ? value : url.origin,
    );
  }
  return url;
}

function readRegion(value: unknown, endpoint: URL | undefined, sink: string): string {
  const region =
    value ??
    (endpoint === undefined ? undefined : inferAwsEndpoint(endpoint.href)?.region) ??
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION;
  if (typeof region !== 'string' || !regionPattern.test(region)) {
    throw createInvalidOptionError(
      sink,
      'region',
      `an AWS region such as "eu-west-1"${value === undefined ? ' (none was given, the endpoint names none, and AWS_REGION / AWS_DEFAULT_REGION are unset or invalid)' : ''}`,
      region,
    );
  }
  return region;
}

function needsPathStyle(endpoint: URL, bucket: string): boolean {
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 || host === 'localhost') return true;
  // A dotted bucket name breaks the *.s3 wildcard certificate; other names are not host names.
  return !dnsCompatibleBucketPattern.test(bucket);
}

/**
 * Waits for a promise unless the signal aborts first. A credentials provider cannot be cancelled,
 * so after an abort its late result is dropped (the request it was for is not sent).
 */
async function whileNotAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw signal.reason;
  let onAbort: (() => void) | undefined;
  const abortion = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, abortion]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const code = (cause as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  return [message, causeMessage, typeof code === 'string' ? code : undefined]
    .filter((part) => part !== undefined && part !== '')
    .join(': ');
}
