import {
  BulkError,
  createDocumentMapper,
  type DocumentMapper,
  type DocumentMapperOptions,
} from '@logferry/elasticsearch-bulk';
import type { SinkRecord } from '@logferry/sink';
import { createRequestAuthorizer, type RequestAuthorizer } from './create-request-authorizer';
import { describeReceived } from './describe-received';
import { ELASTICSEARCH_SINK_DEFAULTS } from './elasticsearch-sink-defaults';
import type {
  ElasticsearchCompression,
  ElasticsearchSinkOptions,
} from './elasticsearch-sink-options';
import { createSinkError } from './errors';

/**
 * The sink's options once validated, with every default applied.
 *
 * @example
 * ```ts
 * const resolved: ResolvedSinkOptions = readSinkOptions({ url: 'http://127.0.0.1:9200', auth: { type: 'none' } });
 * ```
 */
export interface ResolvedSinkOptions {
  /** Origin plus path prefix, without a trailing `/`. */
  readonly baseUrl: string;
  readonly authorizer: RequestAuthorizer;
  /** Whether the target is OpenSearch Serverless (SigV4 service `aoss`). */
  readonly serverless: boolean;
  readonly compression: ElasticsearchCompression;
  readonly gzipLevel: number;
  readonly maxBytes: number;
  readonly maxOperations: number;
  readonly timeoutMs: number;
  readonly resolveFetch: () => typeof fetch;
  readonly mapper: DocumentMapper<SinkRecord>;
}

const SINK_OPTIONS = [
  'url',
  'auth',
  'compression',
  'gzipLevel',
  'maxBytes',
  'maxOperations',
  'timeoutMs',
  'fetch',
] as const;

const MAPPER_OPTIONS = [
  'indexTemplate',
  'dataStream',
  'action',
  'documentIds',
  'pipeline',
  'jsonMode',
  'jsonNamespace',
  'maxJsonDepth',
  'maxJsonFields',
  'maxMessageBytes',
  'region',
  'toDocument',
] as const;

const KNOWN_OPTIONS = new Set<string>([...SINK_OPTIONS, ...MAPPER_OPTIONS]);

function fail(message: string, cause?: unknown): never {
  throw createSinkError(message, {
    code: 'invalid-options',
    retryable: false,
    ...(cause === undefined ? {} : { cause }),
  });
}

function readInteger(
  name: string,
  value: unknown,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    fail(
      `Option ${name} must be an integer from ${minimum} to ${maximum}; received ${describeReceived(value)}`,
    );
  }
  return value;
}

function readUrl(value: unknown): URL {
  if (typeof value !== 'string' && !(value instanceof URL)) {
    fail(
      `Option url must be the cluster's http(s) URL as a string or URL; received ${value === null ? 'null' : typeof value}`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    // Not echoed: an unparsable URL may still hold credentials.
    fail(
      `Option url must be an absolute http(s) URL; received a value that does not parse as a URL`,
      error,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(
      `Option url must use http: or https:; received protocol ${describeReceived(url.protocol)}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    fail(
      `Option url must not contain a user name or password (put credentials in option auth); received a URL with credentials for host ${describeReceived(url.host)}`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    fail(
      `Option url must not have a query string or fragment (the sink adds its own query to each request); received one for host ${describeReceived(url.host)}`,
    );
  }
  return url;
}

function pickMapperOptions(options: ElasticsearchSinkOptions): DocumentMapperOptions<SinkRecord> {
  const picked: Record<string, unknown> = {};
  for (const name of MAPPER_OPTIONS) {
    if (options[name] !== undefined) picked[name] = options[name];
  }
  return picked as DocumentMapperOptions<SinkRecord>;
}

function createMapper(options: ElasticsearchSinkOptions): DocumentMapper<SinkRecord> {
  try {
    return createDocumentMapper<SinkRecord>(pickMapperOptions(options));
  } catch (error) {
    if (!(error instanceof BulkError)) throw error;
    // The bulk library's messages already name the option, the rule and what was received.
    return fail(error.message, error);
  }
}

/**
 * Validates every option of `createElasticsearchSink` at once, so a bad setting fails at cold
 * start rather than on the first batch: unknown option names (typos), the URL, the auth block,
 * the limits and the document mapper's options. Defaults come from
 * {@link ELASTICSEARCH_SINK_DEFAULTS}.
 *
 * @throws {SinkError} `invalid-options`, `retryable: false`, naming the option; secrets are never
 * echoed.
 *
 * @example
 * ```ts
 * const resolved = readSinkOptions({ url: 'https://es.example.com', auth: { type: 'api-key', apiKey } });
 * resolved.timeoutMs; // 30000
 * ```
 */
export function readSinkOptions(options: ElasticsearchSinkOptions): ResolvedSinkOptions {
  if (typeof options !== 'object' || options === null) {
    fail(
      `createElasticsearchSink needs an options object with at least url and auth; received ${options === null ? 'null' : typeof options}`,
    );
  }
  const unknown = Object.keys(options).filter((name) => !KNOWN_OPTIONS.has(name));
  if (unknown.length > 0) {
    fail(
      `Unknown option${unknown.length === 1 ? '' : 's'} ${unknown.map((name) => describeReceived(name)).join(', ')}; the options are ${[...KNOWN_OPTIONS].join(', ')}`,
    );
  }
  const url = readUrl(options.url);
  const authorizer = createRequestAuthorizer(options.auth, url);
  const compression = options.compression ?? ELASTICSEARCH_SINK_DEFAULTS.compression;
  if (compression !== 'auto' && compression !== 'gzip' && compression !== 'none') {
    fail(
      `Option compression must be 'auto', 'gzip' or 'none'; received ${describeReceived(compression)}`,
    );
  }
  const fetchOption = options.fetch;
  if (fetchOption !== undefined && typeof fetchOption !== 'function') {
    fail(
      `Option fetch must be a fetch function when given; received ${describeReceived(fetchOption)}`,
    );
  }
  return {
    baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    authorizer,
    serverless: authorizer.describe().service === 'aoss',
    compression,
    gzipLevel: readInteger(
      'gzipLevel',
      options.gzipLevel,
      ELASTICSEARCH_SINK_DEFAULTS.gzipLevel,
      1,
      9,
    ),
    maxBytes: readInteger(
      'maxBytes',
      options.maxBytes,
      ELASTICSEARCH_SINK_DEFAULTS.maxBytes,
      1024,
      100 * 1024 * 1024,
    ),
    maxOperations: readInteger(
      'maxOperations',
      options.maxOperations,
      ELASTICSEARCH_SINK_DEFAULTS.maxOperations,
      1,
      1_000_000,
    ),
    timeoutMs: readInteger(
      'timeoutMs',
      options.timeoutMs,
      ELASTICSEARCH_SINK_DEFAULTS.timeoutMs,
      1,
      900_000,
    ),
    // Looked up per request, so a test (or an APM agent) can replace the global fetch later.
    resolveFetch: fetchOption === undefined ? () => globalThis.fetch : () => fetchOption,
    mapper: createMapper(options),
  };
}
