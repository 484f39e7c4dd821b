import type { LogferryConfig } from '@logferry/kinesis-lambda/config';
import { createSinks, type SinkDestination } from '@logferry/kinesis-lambda/create-sinks';
import { ConfigError } from '@logferry/kinesis-lambda/errors';
import type { CredentialsSource } from '@logferry/sigv4';
import type { DeadLetterStore, Sink } from '@logferry/sink';
import type { S3ClientOptions, S3ServerSideEncryption } from '@logferry/sink-s3';
import { convertConfigError } from './convert-config-error';

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
   * The `fetch` for every request: S3, Elasticsearch and the HTTP intake (tests count requests with it).
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

/** The destinations a replay delivers to: the S3 archive is where it reads from, never one. */
const replayDestinations: readonly SinkDestination[] = ['elasticsearch', 'http'];

/**
 * Builds the destinations, the dead-letter store and the S3 connection with the Lambda's own
 * `createSinks`, so replayed events land in the same indices with the same ids. Adds what only a
 * replay has: `--sink` selection, static credentials from the given environment, and a check
 * that there is somewhere to send to. Every problem is collected into one error.
 *
 * @throws {ReplayError} `invalid-config` listing every destination that could not be built, a
 * `--sink` that is not configured, or no destination at all when one is needed.
 * @example
 * ```ts
 * const targets = createReplayTargets(loadConfig(settings, { purpose: 'replay' }), { environment: process.env });
 * ```
 */
export function createReplayTargets(
  config: LogferryConfig,
  options: CreateReplayTargetsOptions,
): ReplayTargets {
  const problems: string[] = [];
  let cause: unknown;
  const credentials =
    readEnvironmentCredentials(options.environment) ?? createDefaultChainCredentials();
  let built: ReturnType<typeof createSinks> | undefined;
  try {
    built = createSinks(config, {
      destinations: replayDestinations.filter(
        (name) => options.sinkNames === undefined || options.sinkNames.includes(name),
      ),
      ...(credentials === undefined
        ? {}
        : { s3Credentials: credentials, sigv4Credentials: credentials }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    cause = error.cause;
  }
  for (const name of options.sinkNames ?? []) {
    if (!(name === 'elasticsearch' ? config.elasticsearch : config.http)) {
      problems.push(
        `--sink ${name} names a destination that is not configured; set ${name === 'elasticsearch' ? 'LOGFERRY_ELASTICSEARCH_URL' : 'LOGFERRY_HTTP_URL'} (or --${name === 'elasticsearch' ? 'elasticsearch-url' : 'http-url'})`,
      );
    }
  }
  if (
    (options.needsSinks ?? true) &&
    config.elasticsearch === undefined &&
    config.http === undefined
  ) {
    problems.push(
      'no destination is configured: set LOGFERRY_ELASTICSEARCH_URL or LOGFERRY_HTTP_URL (as for the Lambda; the S3 archive is where a replay reads from, not a destination)',
    );
  }
  if (problems.length > 0 || built === undefined) {
    throw convertConfigError(new ConfigError(problems, cause === undefined ? {} : { cause }));
  }
  return {
    sinks: built.sinks,
    deadLetterStore: built.deadLetterStore,
    connection: built.s3Connection,
    serverSideEncryption: built.serverSideEncryption,
  };
}

/**
 * The AWS SDK's default provider chain (environment, shared config and credentials files with
 * `AWS_PROFILE`, SSO, web identity, ECS and EC2 instance metadata), loaded on first use: an operator
 * replaying from a laptop or a bastion host signs the way the AWS CLI does. The replay is a CLI,
 * not the Lambda bundle, so the SDK's credential code is allowed here.
 */
function createDefaultChainCredentials(): CredentialsSource {
  let provider: (() => Promise<AwsCredentials>) | undefined;
  return async () => {
    if (provider === undefined) {
      const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
      provider = defaultProvider();
    }
    return provider();
  };
}

type AwsCredentials = {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
};

/** Static credentials from the given environment, the first link of the chain. */
function readEnvironmentCredentials(
  environment: Readonly<Record<string, string | undefined>>,
): CredentialsSource | undefined {
  const accessKeyId = environment.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = environment.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = environment.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
