import type { CredentialsSource } from '@logferry/sigv4';
import type { DeadLetterStore, Sink } from '@logferry/sink';
import {
  createElasticsearchSink,
  type ElasticsearchAuth,
  type ElasticsearchSinkOptions,
} from '@logferry/sink-elasticsearch';
import { createHttpSink } from '@logferry/sink-http';
import {
  createS3DeadLetterStore,
  createS3Sink,
  type S3ClientOptions,
  type S3ServerSideEncryption,
} from '@logferry/sink-s3';
import type { ElasticsearchConfig, LogferryConfig } from './config';
import { ConfigError } from './errors';

/**
 * A destination {@link createSinks} can build.
 *
 * @example
 * ```ts
 * const destination: SinkDestination = 'archive';
 * ```
 */
export type SinkDestination = 'elasticsearch' | 'archive' | 'http';

/**
 * Options of {@link createSinks}.
 *
 * @example
 * ```ts
 * const options: CreateSinksOptions = { destinations: ['elasticsearch', 'http'], requestTimeoutMs: 2_000 };
 * ```
 */
export interface CreateSinksOptions {
  /**
   * Which of the configured destinations to build; one that is not configured is skipped.
   * `logferry replay` leaves out `archive`: there the archive is the source, never a destination.
   * @default ['elasticsearch', 'archive', 'http']
   */
  readonly destinations?: readonly SinkDestination[];
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
   * @default the environment's credentials, read at signing time
   */
  readonly s3Credentials?: CredentialsSource;
  /**
   * Credentials for an Elasticsearch sink with `aws-sigv4` auth.
   * @default the environment's credentials, read at signing time
   */
  readonly sigv4Credentials?: CredentialsSource;
}

/**
 * What {@link createSinks} builds.
 *
 * @example
 * ```ts
 * const { sinks, deadLetterStore }: Sinks = createSinks(loadConfig(process.env));
 * ```
 */
export interface Sinks {
  /** In delivery order: Elasticsearch, S3 archive, HTTP intake — whichever are configured and wanted. */
  readonly sinks: readonly Sink[];
  /** The dead-letter store; `undefined` only when the configuration has none (a replay's may not). */
  readonly deadLetterStore: DeadLetterStore | undefined;
  /** How the archive and the dead-letter store reach S3 (any bucket): region, endpoint, credentials. */
  readonly s3Connection: Omit<S3ClientOptions, 'bucket'>;
  /** `LOGFERRY_S3_KMS_KEY_ID` as the S3 packages take it; `undefined` keeps the bucket default. */
  readonly serverSideEncryption: S3ServerSideEncryption | undefined;
}

/**
 * Builds the configured sinks and the dead-letter store from a configuration — the one place the
 * Lambda and `logferry replay` turn settings into sinks, so a replay writes to the same indices,
 * with the same ids, as the Lambda. Makes no request. Each package validates its own options
 * here (for example the index template); every failure is collected into ONE {@link ConfigError}.
 *
 * @throws {ConfigError} listing every sink that could not be built and why (never a secret).
 * @example
 * ```ts
 * const { sinks, deadLetterStore } = createSinks(loadConfig(process.env));
 * ```
 */
export function createSinks(config: LogferryConfig, options: CreateSinksOptions = {}): Sinks {
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
  const wanted = (destination: SinkDestination) =>
    options.destinations === undefined || options.destinations.includes(destination);
  const shared = {
    ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  const s3Connection: Omit<S3ClientOptions, 'bucket'> = {
    ...(config.s3.region === undefined ? {} : { region: config.s3.region }),
    ...(config.s3.endpoint === undefined
      ? {}
      : { endpoint: config.s3.endpoint, forcePathStyle: true }),
    ...(options.s3Credentials === undefined ? {} : { credentials: options.s3Credentials }),
    ...shared,
  };
  const serverSideEncryption =
    config.s3.kmsKeyId === undefined ? undefined : { kmsKeyId: config.s3.kmsKeyId };
  const s3 = {
    ...s3Connection,
    ...(serverSideEncryption === undefined ? {} : { serverSideEncryption }),
  };

  const sinks: Sink[] = [];
  const elasticsearch = config.elasticsearch;
  if (elasticsearch !== undefined && wanted('elasticsearch')) {
    const sink = build('the Elasticsearch sink (LOGFERRY_ELASTICSEARCH_* settings)', () =>
      createElasticsearchSink({
        ...toElasticsearchOptions(elasticsearch, options.sigv4Credentials),
        ...shared,
      }),
    );
    if (sink !== undefined) sinks.push(sink);
  }
  const archive = config.archive;
  if (archive !== undefined && wanted('archive')) {
    const sink = build('the S3 archive (LOGFERRY_ARCHIVE_* and LOGFERRY_S3_* settings)', () =>
      createS3Sink({ ...s3, bucket: archive.bucket, prefix: archive.prefix }),
    );
    if (sink !== undefined) sinks.push(sink);
  }
  const http = config.http;
  if (http !== undefined && wanted('http')) {
    const sink = build('the HTTP sink (LOGFERRY_HTTP_* settings)', () =>
      createHttpSink({ preset: http.preset, url: http.url.reveal(), ...shared }),
    );
    if (sink !== undefined) sinks.push(sink);
  }
  const deadLetter = config.deadLetter;
  const deadLetterStore =
    deadLetter === undefined
      ? undefined
      : build('the dead-letter store (LOGFERRY_DEAD_LETTER_* and LOGFERRY_S3_* settings)', () =>
          createS3DeadLetterStore({ ...s3, bucket: deadLetter.bucket, prefix: deadLetter.prefix }),
        );

  if (problems.length > 0) {
    // The sinks built so far have sent nothing, so they hold no connection to close.
    throw new ConfigError(problems, { cause: causes.length === 1 ? causes[0] : causes });
  }
  return { sinks, deadLetterStore, s3Connection, serverSideEncryption };
}

function toElasticsearchOptions(
  config: ElasticsearchConfig,
  credentials: CredentialsSource | undefined,
): ElasticsearchSinkOptions {
  let auth: ElasticsearchAuth;
  switch (config.auth.kind) {
    case 'aws-sigv4':
      auth = {
        type: 'aws-sigv4',
        service: config.auth.service,
        region: config.auth.region,
        ...(credentials === undefined ? {} : { credentials }),
      };
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
    compression: config.compression,
    ...(config.dataStream === undefined
      ? { indexTemplate: config.indexTemplate }
      : { dataStream: config.dataStream }),
    ...(config.bulkMaxBytes === undefined ? {} : { maxBytes: config.bulkMaxBytes }),
  };
}
