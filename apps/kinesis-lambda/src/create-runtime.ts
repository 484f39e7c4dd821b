import type { DeadLetterStore, Sink } from '@logferry/sink';
import {
  createElasticsearchSink,
  type ElasticsearchAuth,
  type ElasticsearchSinkOptions,
} from '@logferry/sink-elasticsearch';
import { createHttpSink } from '@logferry/sink-http';
import { createS3DeadLetterStore, createS3Sink, type S3SinkOptions } from '@logferry/sink-s3';
import type { ElasticsearchConfig, LambdaConfig } from './config';
import { ConfigError } from './errors';

/**
 * The sinks and dead-letter store built from a {@link LambdaConfig}, once per cold start.
 *
 * @example
 * ```ts
 * const { sinks, deadLetterStore }: Runtime = createRuntime(loadConfig(process.env));
 * ```
 */
export interface Runtime {
  /** In delivery order: Elasticsearch, S3 archive, HTTP intake — whichever are configured. */
  readonly sinks: readonly Sink[];
  readonly deadLetterStore: DeadLetterStore;
}

/**
 * Options of {@link createRuntime}, for tests and the demo; the Lambda passes none.
 *
 * @example
 * ```ts
 * const options: CreateRuntimeOptions = { requestTimeoutMs: 2_000 };
 * ```
 */
export interface CreateRuntimeOptions {
  /**
   * Per-request timeout of every sink and of the dead-letter store.
   * @default each package's default
   */
  readonly requestTimeoutMs?: number;
  /**
   * `fetch` used by every sink and the dead-letter store.
   * @default globalThis.fetch (keep-alive connections reused across invocations)
   */
  readonly fetch?: typeof fetch;
  /**
   * Credentials for the S3 archive and dead-letter store (s3rver only knows its own key pair).
   * @default the Lambda environment's credentials, read at signing time
   */
  readonly s3Credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * Builds the configured sinks and the dead-letter store. Each package validates its own options
 * here (for example the index template); every failure is collected into ONE {@link ConfigError}.
 *
 * @throws {ConfigError} listing every sink that could not be built and why.
 * @example
 * ```ts
 * const { sinks, deadLetterStore } = createRuntime(loadConfig(process.env));
 * ```
 */
export function createRuntime(config: LambdaConfig, options: CreateRuntimeOptions = {}): Runtime {
  const problems: string[] = [];
  const causes: unknown[] = [];
  const build = <Built>(what: string, create: () => Built): Built | undefined => {
    try {
      return create();
    } catch (error) {
      // The packages' messages name the option and never contain secrets.
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      causes.push(error);
      return undefined;
    }
  };
  const shared = {
    ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  const s3 = {
    region: config.s3.region,
    ...(config.s3.endpoint === undefined
      ? {}
      : { endpoint: config.s3.endpoint, forcePathStyle: true }),
    ...(config.s3.kmsKeyId === undefined
      ? {}
      : { serverSideEncryption: { kmsKeyId: config.s3.kmsKeyId } }),
    ...(options.s3Credentials === undefined ? {} : { credentials: options.s3Credentials }),
    ...shared,
  } satisfies Partial<S3SinkOptions>;

  const sinks: Sink[] = [];
  const elasticsearch = config.elasticsearch;
  if (elasticsearch !== undefined) {
    const sink = build('the Elasticsearch sink (LOGFERRY_ELASTICSEARCH_* settings)', () =>
      createElasticsearchSink({ ...toElasticsearchOptions(elasticsearch), ...shared }),
    );
    if (sink !== undefined) sinks.push(sink);
  }
  const archive = config.archive;
  if (archive !== undefined) {
    const sink = build('the S3 archive (LOGFERRY_ARCHIVE_* and LOGFERRY_S3_* settings)', () =>
      createS3Sink({ ...s3, bucket: archive.bucket, prefix: archive.prefix }),
    );
    if (sink !== undefined) sinks.push(sink);
  }
  const http = config.http;
  if (http !== undefined) {
    const sink = build('the HTTP sink (LOGFERRY_HTTP_* settings)', () =>
      createHttpSink({ preset: http.preset, url: http.url.reveal(), ...shared }),
    );
    if (sink !== undefined) sinks.push(sink);
  }
  const deadLetterStore = build(
    'the dead-letter store (LOGFERRY_DEAD_LETTER_* and LOGFERRY_S3_* settings)',
    () =>
      createS3DeadLetterStore({
        ...s3,
        bucket: config.deadLetter.bucket,
        prefix: config.deadLetter.prefix,
      }),
  );

  if (problems.length > 0 || deadLetterStore === undefined) {
    throw new ConfigError(problems, { cause: causes.length === 1 ? causes[0] : causes });
  }
  return { sinks, deadLetterStore };
}

function toElasticsearchOptions(config: ElasticsearchConfig): ElasticsearchSinkOptions {
  let auth: ElasticsearchAuth;
  switch (config.auth.kind) {
    case 'aws-sigv4':
      auth = { type: 'aws-sigv4', service: config.auth.service, region: config.auth.region };
      break;
    case 'basic':
      auth = {
        type: 'basic',
        username: config.auth.username,
        password: config.auth.password.reveal(),
      };
      break;
    case 'api-key':
      auth = { type: 'api-key', apiKey: config.auth.apiKey.reveal() };
      break;
    case 'none':
      auth = { type: 'none' };
      break;
  }
  return {
    url: config.url,
    auth,
    jsonMode: config.jsonMode,
    documentIds: config.documentIds,
    ...(config.dataStream === undefined
      ? { indexTemplate: config.indexTemplate }
      : { dataStream: config.dataStream }),
    ...(config.bulkMaxBytes === undefined ? {} : { maxBytes: config.bulkMaxBytes }),
  };
}
