import type { CredentialsSource } from '@logferry/sigv4';
import type { DeadLetterStore, Sink } from '@logferry/sink';
import { createElasticsearchSink, type ElasticsearchAuth } from '@logferry/sink-elasticsearch';
import { createHttpSink } from '@logferry/sink-http';
import {
  createS3DeadLetterStore,
  type S3ClientOptions,
  type S3ServerSideEncryption,
} from '@logferry/sink-s3';
import { ReplayError } from './errors';
import type { ReplayConfig } from './load-replay-config';

/**
 * Options of {@link createReplayTargets}.
 *
 * @example
 * ```ts
 * const options: CreateReplayTargetsOptions = { environment: process.env, sinkNames: ['elasticsearch'] };
 * ```
 */
export interface CreateReplayTargetsOptions {
  /** Where the AWS credentials are read from (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`). */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /**
   * Only these destinations (`--sink`).
   * @default every configured destination
   */
  readonly sinkNames?: readonly string[];
  /**
   * Whether the run sends anything; a dry run needs no destination.
   * @default true
   */
  readonly needsSinks?: boolean;
  /**
   * The `fetch` for S3 and Elasticsearch requests (tests count requests with it).
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
}

/**
 * What a replay talks to, built from the settings.
 *
 * @example
 * ```ts
 * const { sinks, connection } = createReplayTargets(config, { environment: process.env });
 * ```
 */
export interface ReplayTargets {
  /** The destinations: Elasticsearch, then the HTTP intake, as configured. */
  readonly sinks: readonly Sink[];
  /** The dead-letter store (`LOGFERRY_DEAD_LETTER_*`), when configured. */
  readonly deadLetterStore: DeadLetterStore | undefined;
  /** How to reach S3 (any bucket): region, endpoint, credentials. */
  readonly connection: Omit<S3ClientOptions, 'bucket'>;
  readonly serverSideEncryption: S3ServerSideEncryption | undefined;
}

/**
 * Builds the destinations, the dead-letter store and the S3 connection the way the Lambda builds
 * them from the same settings (`apps/kinesis-lambda/src/create-runtime.ts`): the same index
 * template, data stream, JSON mode and bulk size, so replayed events land in the same indices
 * with the same ids. The S3 archive is a source here, never a destination. Each package validates
 * its own options; every failure is collected into one error.
 *
 * @throws {ReplayError} `invalid-config` listing every destination that could not be built, a
 * `--sink` that is not configured, or no destination at all when one is needed.
 * @example
 * ```ts
 * const targets = createReplayTargets(loadReplayConfig(settings), { environment: process.env });
 * ```
 */
export function createReplayTargets(
  config: ReplayConfig,
  options: CreateReplayTargetsOptions,
): ReplayTargets {
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
  const credentials = readEnvironmentCredentials(options.environment);
  const shared = options.fetch === undefined ? {} : { fetch: options.fetch };
  const connection: Omit<S3ClientOptions, 'bucket'> = {
    ...(config.region === undefined ? {} : { region: config.region }),
    ...(config.s3Endpoint === undefined
      ? {}
      : { endpoint: config.s3Endpoint, forcePathStyle: true }),
    ...(credentials === undefined ? {} : { credentials }),
    ...shared,
  };
  const serverSideEncryption =
    config.kmsKeyId === undefined ? undefined : { kmsKeyId: config.kmsKeyId };
  const wanted = (name: string) =>
    options.sinkNames === undefined || options.sinkNames.includes(name);

  const sinks: Sink[] = [];
  const elasticsearch = config.elasticsearch;
  if (elasticsearch !== undefined && wanted('elasticsearch')) {
    const sink = build('the Elasticsearch sink (LOGFERRY_ELASTICSEARCH_* settings)', () => {
      let auth: ElasticsearchAuth;
      switch (elasticsearch.auth.kind) {
        case 'aws-sigv4':
          auth = {
            type: 'aws-sigv4',
            service: elasticsearch.auth.service,
            region: elasticsearch.auth.region,
            ...(credentials === undefined ? {} : { credentials }),
          };
          break;
        case 'basic':
          auth = {
            type: 'basic',
            username: elasticsearch.auth.username,
            password: elasticsearch.auth.password.reveal(),
          };
          break;
        case 'api-key':
          auth = { type: 'api-key', apiKey: elasticsearch.auth.apiKey.reveal() };
          break;
        case 'none':
          auth = { type: 'none' };
          break;
      }
      return createElasticsearchSink({
        url: elasticsearch.url,
        auth,
        jsonMode: elasticsearch.jsonMode,
        documentIds: elasticsearch.documentIds,
        ...(elasticsearch.dataStream === undefined
          ? { indexTemplate: elasticsearch.indexTemplate }
          : { dataStream: elasticsearch.dataStream }),
        ...(elasticsearch.bulkMaxBytes === undefined
          ? {}
          : { maxBytes: elasticsearch.bulkMaxBytes }),
        ...shared,
      });
    });
    if (sink !== undefined) sinks.push(sink);
  }
  const http = config.http;
  if (http !== undefined && wanted('http')) {
    const sink = build('the HTTP sink (LOGFERRY_HTTP_* settings)', () =>
      createHttpSink({ preset: http.preset, url: http.url.reveal() }),
    );
    if (sink !== undefined) sinks.push(sink);
  }
  for (const name of options.sinkNames ?? []) {
    if (!(name === 'elasticsearch' ? elasticsearch : config.http)) {
      problems.push(
        `--sink ${name} names a destination that is not configured; set ${name === 'elasticsearch' ? 'LOGFERRY_ELASTICSEARCH_URL' : 'LOGFERRY_HTTP_URL'} (or --${name === 'elasticsearch' ? 'elasticsearch-url' : 'http-url'})`,
      );
    }
  }
  if ((options.needsSinks ?? true) && elasticsearch === undefined && config.http === undefined) {
    problems.push(
      'no destination is configured: set LOGFERRY_ELASTICSEARCH_URL or LOGFERRY_HTTP_URL (as for the Lambda; the S3 archive is where a replay reads from, not a destination)',
    );
  }
  const deadLetter = config.deadLetter;
  const deadLetterStore =
    deadLetter === undefined
      ? undefined
      : build('the dead-letter store (LOGFERRY_DEAD_LETTER_* and LOGFERRY_S3_* settings)', () =>
          createS3DeadLetterStore({
            ...connection,
            bucket: deadLetter.bucket,
            prefix: deadLetter.prefix,
            ...(serverSideEncryption === undefined ? {} : { serverSideEncryption }),
          }),
        );

  if (problems.length > 0) {
    // The sinks built so far have sent nothing, so they hold no connection to close.
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new ReplayError(
      `Invalid logferry configuration (${count}):\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
      {
        code: 'invalid-config',
        problems,
        ...(causes.length === 0 ? {} : { cause: causes.length === 1 ? causes[0] : causes }),
      },
    );
  }
  return { sinks, deadLetterStore, connection, serverSideEncryption };
}

/** Static credentials from the given environment; `undefined` lets each package read `process.env`. */
function readEnvironmentCredentials(
  environment: Readonly<Record<string, string | undefined>>,
): CredentialsSource | undefined {
  const accessKeyId = environment.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = environment.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = environment.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
