import { inferAwsEndpoint } from '@logferry/sigv4';
import { ConfigError } from './errors';
import { Secret } from './secret';
import { elasticsearchSettingNames, settingNames } from './setting-names';

/**
 * How the Elasticsearch/OpenSearch sink authenticates.
 *
 * @example
 * ```ts
 * const auth: ElasticsearchAuthConfig = { kind: 'aws-sigv4', service: 'aoss', region: 'us-east-1' };
 * ```
 */
export type ElasticsearchAuthConfig =
  | {
      readonly kind: 'aws-sigv4';
      /** `es` for managed domains, `aoss` for OpenSearch Serverless. */
      readonly service: 'es' | 'aoss';
      readonly region: string;
    }
  | { readonly kind: 'basic'; readonly username: string; readonly password: Secret }
  | { readonly kind: 'api-key'; readonly apiKey: Secret }
  | { readonly kind: 'none' };

/**
 * Settings of the Elasticsearch/OpenSearch sink.
 *
 * @example
 * ```ts
 * const url = loadConfig(process.env).elasticsearch?.url;
 * ```
 */
export interface ElasticsearchConfig {
  /** The endpoint, e.g. `https://search-logs-abc.eu-west-1.es.amazonaws.com`. */
  readonly url: string;
  readonly auth: ElasticsearchAuthConfig;
  /** @default 'cwl-{yyyy.MM.dd}' */
  readonly indexTemplate: string;
  /** Data stream name; when set, documents go there instead of the templated index. */
  readonly dataStream: string | undefined;
  /** @default 'namespace' */
  readonly jsonMode: 'namespace' | 'root' | 'off';
  /** Bulk request byte limit; `undefined` keeps the library default (5 MiB). */
  readonly bulkMaxBytes: number | undefined;
  /**
   * `event-id`: the CloudWatch event id is the document `_id`, so re-deliveries never duplicate.
   * `none`: no `_id` (OpenSearch Serverless time-series collections reject custom ids); delivery
   * is then at least once and a re-delivered event can be stored twice.
   * @default 'event-id'
   */
  readonly documentIds: 'event-id' | 'none';
  /**
   * Request body compression. `gzip` (level 1) sends about 5–8× fewer bytes for some CPU time;
   * `none` sends plain NDJSON; `auto` gzips a body only while the sink measures that compressing
   * saves more request time than it costs — over any real link, in practice always (see the
   * README's Performance section).
   * @default 'auto'
   */
  readonly compression: 'auto' | 'gzip' | 'none';
}

/**
 * A bucket and a key prefix (without trailing `/`).
 *
 * @example
 * ```ts
 * const archive: S3LocationConfig = { bucket: 'my-log-archive', prefix: 'archive' };
 * ```
 */
export interface S3LocationConfig {
  readonly bucket: string;
  readonly prefix: string;
}

/**
 * Settings shared by the S3 archive and the dead-letter store.
 *
 * @example
 * ```ts
 * const s3: S3Config = { region: 'eu-west-1', kmsKeyId: undefined, endpoint: 'http://127.0.0.1:4568' };
 * ```
 */
export interface S3Config {
  /**
   * Signing region: `AWS_REGION`, else `AWS_DEFAULT_REGION` (as the AWS CLI reads it);
   * `undefined` only in a replay's configuration.
   */
  readonly region: string | undefined;
  /** SSE-KMS key for every object written; `undefined` keeps the bucket default. */
  readonly kmsKeyId: string | undefined;
  /** S3-compatible endpoint (path-style addressing); `undefined` means AWS. */
  readonly endpoint: string | undefined;
}

/**
 * The optional HTTP SaaS sink.
 *
 * @example
 * ```ts
 * const http: HttpSinkConfig = { url: new Secret('https://intake.example.com/logs'), preset: 'generic' };
 * ```
 */
export interface HttpSinkConfig {
  /**
   * The intake URL. Secret because vendors put credentials in it: the Sumo Logic token in the
   * path, Datadog's `dd-api-key` parameter, Logstash basic auth as `user:password@`.
   */
  readonly url: Secret;
  /** @default 'generic' */
  readonly preset: HttpPreset;
}

/**
 * The HTTP intake flavours the HTTP sink knows.
 *
 * @example
 * ```ts
 * const preset: HttpPreset = 'sumo-logic';
 * ```
 */
export type HttpPreset = 'sumo-logic' | 'logstash' | 'datadog' | 'generic';

/**
 * The validated, immutable settings every logferry runtime shares: the destinations, the S3
 * archive and dead-letter locations, and the retry budget. {@link loadConfig} returns it for
 * `purpose: 'replay'`, where no destination, no dead-letter store and no region are required
 * (the replay checks what its run needs). Secrets are {@link Secret}s: logging it never reveals them.
 *
 * @example
 * ```ts
 * const config: LogferryConfig = loadConfig(settings, { purpose: 'replay' });
 * config.deadLetter?.bucket; // undefined when no dead-letter store is configured
 * ```
 */
export interface LogferryConfig {
  readonly elasticsearch: ElasticsearchConfig | undefined;
  /** Where the Lambda archives events; for `logferry replay`, the default source. */
  readonly archive: S3LocationConfig | undefined;
  /** The dead-letter store; its bucket defaults to the archive bucket. */
  readonly deadLetter: S3LocationConfig | undefined;
  readonly s3: S3Config;
  readonly http: HttpSinkConfig | undefined;
  /**
   * Upper bound on the time spent delivering (first attempt and retries) one batch;
   * `undefined` means "remaining time minus the safety margin" in the Lambda, no limit in a replay.
   */
  readonly retryBudgetMs: number | undefined;
}

/**
 * The validated, immutable configuration of the Lambda, read once at cold start.
 * Secrets are {@link Secret}s: logging this object never reveals them.
 *
 * @example
 * ```ts
 * const config: LambdaConfig = loadConfig(process.env);
 * console.log(JSON.stringify(config)); // secrets show as "[redacted]"
 * ```
 */
export interface LambdaConfig extends LogferryConfig {
  /** `AWS_LAMBDA_FUNCTION_NAME`: the `FunctionName` metric dimension. */
  readonly functionName: string | undefined;
  /** `AWS_LAMBDA_LOG_GROUP_NAME`: events from this log group are skipped (log-loop guard). */
  readonly ownLogGroup: string | undefined;
  /** Always present: rejected and undecodable records must have somewhere to go. */
  readonly deadLetter: S3LocationConfig;
  /** The region is always present: the dead-letter store needs it to sign. */
  readonly s3: S3Config & { readonly region: string };
}

/**
 * Options of {@link loadConfig}.
 *
 * @example
 * ```ts
 * const options: LoadConfigOptions = { purpose: 'replay' };
 * ```
 */
export interface LoadConfigOptions {
  /**
   * Who reads the settings. `lambda` requires a sink, a dead-letter bucket and a region;
   * `replay` (`logferry replay`) requires none of them, refuses a dead-letter prefix without a
   * bucket instead, and points at `logferry replay --help` for the list of settings.
   * @default 'lambda'
   */
  readonly purpose?: 'lambda' | 'replay';
}

const authKinds = ['aws-sigv4', 'basic', 'api-key', 'none'] as const;
const sigv4Services = ['es', 'aoss'] as const;
const jsonModes = ['namespace', 'root', 'off'] as const;
const documentIdModes = ['event-id', 'none'] as const;
const compressions = ['auto', 'gzip', 'none'] as const;
const httpPresets = ['sumo-logic', 'logstash', 'datadog', 'generic'] as const;

/** Lambda's own maximum timeout: a longer budget can never be used. */
const maximumRetryBudgetMs = 900_000;
/** Below this a bulk request cannot hold a typical log event with its action line. */
const minimumBulkMaxBytes = 1024;
/** Amazon OpenSearch Service's largest HTTP payload limit is 100 MiB. */
const maximumBulkMaxBytes = 100 * 1024 * 1024;

/**
 * Reads and validates the configuration from environment variables (see the README's
 * configuration table), for the Lambda or, with `purpose: 'replay'`, for `logferry replay`.
 * Empty or whitespace-only values count as unset, because Terraform commonly passes `""` for
 * optional settings. The region is `AWS_REGION`, else `AWS_DEFAULT_REGION`.
 *
 * Rules beyond each variable's own format:
 * - unknown `LOGFERRY_*` variables are rejected (they are typos of real ones);
 * - settings that only make sense with a sink are rejected without it, and so are credentials
 *   the chosen auth mode would not use;
 * - the archive and dead-letter prefixes may not overlap in one bucket;
 * - for the Lambda only: at least one sink (`LOGFERRY_ELASTICSEARCH_URL`,
 *   `LOGFERRY_ARCHIVE_BUCKET` or `LOGFERRY_HTTP_URL`) must be configured, and a dead-letter
 *   bucket is required (it defaults to the archive bucket): without one a permanently rejected
 *   record could only be handed back to Kinesis, where it would block the shard until it expires;
 * - for a replay, which needs neither: a dead-letter prefix without any bucket is rejected.
 *
 * @throws {ConfigError} listing every problem found, never only the first.
 * @example
 * ```ts
 * const config = loadConfig({
 *   AWS_REGION: 'eu-west-1',
 *   LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc.eu-west-1.es.amazonaws.com',
 *   LOGFERRY_ARCHIVE_BUCKET: 'my-log-archive',
 * });
 * config.elasticsearch?.auth; // { kind: 'aws-sigv4', service: 'es', region: 'eu-west-1' }
 * config.deadLetter; // { bucket: 'my-log-archive', prefix: 'dead-letter' }
 * loadConfig({ AWS_DEFAULT_REGION: 'eu-west-1' }, { purpose: 'replay' }).deadLetter; // undefined
 * ```
 */
export function loadConfig(
  environment: Readonly<Record<string, string | undefined>>,
  options?: LoadConfigOptions & { readonly purpose?: 'lambda' },
): LambdaConfig;
export function loadConfig(
  environment: Readonly<Record<string, string | undefined>>,
  options: LoadConfigOptions,
): LogferryConfig;
export function loadConfig(
  environment: Readonly<Record<string, string | undefined>>,
  options: LoadConfigOptions = {},
): LogferryConfig {
  const forLambda = (options.purpose ?? 'lambda') === 'lambda';
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = environment[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const listedWhere = forLambda ? 'in the README' : "by 'logferry replay --help'";
  for (const name of Object.keys(environment)) {
    if (name.startsWith('LOGFERRY_') && !(settingNames as readonly string[]).includes(name)) {
      const suggestion = suggestVariable(name);
      problems.push(
        `${name} is not a logferry setting${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; the known settings are listed ${listedWhere}`,
      );
    }
  }

  const region = read('AWS_REGION') ?? read('AWS_DEFAULT_REGION');
  const elasticsearch = readElasticsearchConfig(read, region, problems);

  const archiveBucket = readBucket(read, 'LOGFERRY_ARCHIVE_BUCKET', problems);
  const archivePrefix = readPrefix(read, 'LOGFERRY_ARCHIVE_PREFIX', 'archive', problems);
  const deadLetterBucket =
    readBucket(read, 'LOGFERRY_DEAD_LETTER_BUCKET', problems) ?? archiveBucket;
  const deadLetterPrefix = readPrefix(read, 'LOGFERRY_DEAD_LETTER_PREFIX', 'dead-letter', problems);
  // An invalid bucket counts as unset here: it already has its own problem.
  if (read('LOGFERRY_ARCHIVE_PREFIX') !== undefined && archiveBucket === undefined) {
    problems.push(
      'LOGFERRY_ARCHIVE_PREFIX is set but LOGFERRY_ARCHIVE_BUCKET is not; set the bucket to enable the archive',
    );
  }
  const bucketSet =
    read('LOGFERRY_DEAD_LETTER_BUCKET') !== undefined ||
    read('LOGFERRY_ARCHIVE_BUCKET') !== undefined;
  // The Lambda reports the missing bucket itself (below); a replay, which needs none, would
  // otherwise ignore the prefix silently.
  if (!forLambda && read('LOGFERRY_DEAD_LETTER_PREFIX') !== undefined && !bucketSet) {
    problems.push(
      'LOGFERRY_DEAD_LETTER_PREFIX is set but no bucket is (LOGFERRY_DEAD_LETTER_BUCKET, defaulting to LOGFERRY_ARCHIVE_BUCKET); set one to name the dead-letter store',
    );
  }
  if (
    archiveBucket !== undefined &&
    deadLetterBucket === archiveBucket &&
    overlaps(archivePrefix, deadLetterPrefix)
  ) {
    problems.push(
      `LOGFERRY_ARCHIVE_PREFIX and LOGFERRY_DEAD_LETTER_PREFIX must not overlap in the same bucket; received "${archivePrefix}" and "${deadLetterPrefix}"`,
    );
  }

  const http = readHttpConfig(read, problems);
  const endpoint = readUrl(read, 'LOGFERRY_S3_ENDPOINT', problems, { secret: false });

  if (forLambda) {
    // Only when none is even attempted: an invalid one already has its own problem.
    const sinkVariables = [
      'LOGFERRY_ELASTICSEARCH_URL',
      'LOGFERRY_ARCHIVE_BUCKET',
      'LOGFERRY_HTTP_URL',
    ];
    if (sinkVariables.every((name) => read(name) === undefined)) {
      problems.push(
        'no sink is configured: set at least one of LOGFERRY_ELASTICSEARCH_URL, LOGFERRY_ARCHIVE_BUCKET or LOGFERRY_HTTP_URL',
      );
    }
    if (!bucketSet) {
      problems.push(
        'a dead-letter bucket is required so that permanently rejected and undecodable records are kept instead of blocking the shard: set LOGFERRY_DEAD_LETTER_BUCKET (it defaults to LOGFERRY_ARCHIVE_BUCKET)',
      );
    }
    if (region === undefined && bucketSet) {
      problems.push(
        'AWS_REGION is required to sign S3 requests (the Lambda runtime sets it; set it yourself when running elsewhere)',
      );
    }
  }

  const retryBudgetMs = readInteger(read, 'LOGFERRY_RETRY_BUDGET_MS', problems, {
    minimum: 1,
    maximum: maximumRetryBudgetMs,
  });

  if (problems.length > 0) throw new ConfigError(problems);

  const shared: LogferryConfig = {
    elasticsearch,
    archive:
      archiveBucket === undefined ? undefined : { bucket: archiveBucket, prefix: archivePrefix },
    deadLetter:
      deadLetterBucket === undefined
        ? undefined
        : { bucket: deadLetterBucket, prefix: deadLetterPrefix },
    s3: { region, kmsKeyId: read('LOGFERRY_S3_KMS_KEY_ID'), endpoint },
    http,
    retryBudgetMs,
  };
  if (!forLambda) return deepFreeze(shared);
  if (deadLetterBucket === undefined || region === undefined) throw new ConfigError(problems);
  return deepFreeze({
    functionName: read('AWS_LAMBDA_FUNCTION_NAME'),
    ownLogGroup: read('AWS_LAMBDA_LOG_GROUP_NAME'),
    ...shared,
    deadLetter: { bucket: deadLetterBucket, prefix: deadLetterPrefix },
    s3: { ...shared.s3, region },
  } satisfies LambdaConfig);
}

type Read = (name: string) => string | undefined;

function readElasticsearchConfig(
  read: Read,
  region: string | undefined,
  problems: string[],
): ElasticsearchConfig | undefined {
  const url = readUrl(read, 'LOGFERRY_ELASTICSEARCH_URL', problems, { secret: false });
  const dependent = elasticsearchSettingNames.filter(
    (name) => name !== 'LOGFERRY_ELASTICSEARCH_URL' && read(name) !== undefined,
  );
  if (read('LOGFERRY_ELASTICSEARCH_URL') === undefined) {
    if (dependent.length > 0) {
      problems.push(
        `${dependent.join(', ')} ${dependent.length === 1 ? 'is' : 'are'} set but LOGFERRY_ELASTICSEARCH_URL is not; set the URL to enable the search sink`,
      );
    }
    return undefined;
  }

  const authKind = readChoice(
    read,
    'LOGFERRY_ELASTICSEARCH_AUTH',
    authKinds,
    'aws-sigv4',
    problems,
  );
  // Custom hosts infer nothing: the explicit options and AWS_REGION decide.
  const inferred = url === undefined ? undefined : inferAwsEndpoint(url);
  const service = readChoice(
    read,
    'LOGFERRY_SIGV4_SERVICE',
    sigv4Services,
    inferred?.service === 'aoss' ? 'aoss' : 'es',
    problems,
  );
  const signingRegion = read('LOGFERRY_SIGV4_REGION') ?? inferred?.region ?? region;
  const username = read('LOGFERRY_ELASTICSEARCH_USERNAME');
  const password = read('LOGFERRY_ELASTICSEARCH_PASSWORD');
  const apiKey = read('LOGFERRY_ELASTICSEARCH_API_KEY');

  const unused = (names: readonly string[]) => {
    for (const name of names) {
      if (read(name) !== undefined) {
        problems.push(
          `${name} is set but LOGFERRY_ELASTICSEARCH_AUTH is ${authKind ?? 'invalid'}, which does not use it; remove it or change the auth mode`,
        );
      }
    }
  };

  let auth: ElasticsearchAuthConfig | undefined;
  switch (authKind) {
    case 'aws-sigv4':
      unused([
        'LOGFERRY_ELASTICSEARCH_USERNAME',
        'LOGFERRY_ELASTICSEARCH_PASSWORD',
        'LOGFERRY_ELASTICSEARCH_API_KEY',
      ]);
      if (signingRegion === undefined) {
        problems.push(
          'LOGFERRY_SIGV4_REGION is required for aws-sigv4 auth when the region cannot be inferred from LOGFERRY_ELASTICSEARCH_URL and AWS_REGION is unset',
        );
      } else if (service !== undefined) {
        auth = { kind: 'aws-sigv4', service, region: signingRegion };
      }
      break;
    case 'basic':
      unused(['LOGFERRY_SIGV4_SERVICE', 'LOGFERRY_SIGV4_REGION', 'LOGFERRY_ELASTICSEARCH_API_KEY']);
      if (username === undefined || password === undefined) {
        problems.push(
          `basic auth needs both LOGFERRY_ELASTICSEARCH_USERNAME and LOGFERRY_ELASTICSEARCH_PASSWORD; missing ${[
            username === undefined ? 'LOGFERRY_ELASTICSEARCH_USERNAME' : undefined,
            password === undefined ? 'LOGFERRY_ELASTICSEARCH_PASSWORD' : undefined,
          ]
            .filter((name) => name !== undefined)
            .join(' and ')}`,
        );
      } else if (username.includes(':')) {
        problems.push(
          'LOGFERRY_ELASTICSEARCH_USERNAME must not contain ":" (HTTP basic auth cannot carry it)',
        );
      } else {
        auth = { kind: 'basic', username, password: new Secret(password) };
      }
      break;
    case 'api-key':
      unused([
        'LOGFERRY_SIGV4_SERVICE',
        'LOGFERRY_SIGV4_REGION',
        'LOGFERRY_ELASTICSEARCH_USERNAME',
        'LOGFERRY_ELASTICSEARCH_PASSWORD',
      ]);
      if (apiKey === undefined) {
        problems.push('api-key auth needs LOGFERRY_ELASTICSEARCH_API_KEY');
      } else {
        auth = { kind: 'api-key', apiKey: new Secret(apiKey) };
      }
      break;
    case 'none':
      unused([
        'LOGFERRY_SIGV4_SERVICE',
        'LOGFERRY_SIGV4_REGION',
        'LOGFERRY_ELASTICSEARCH_USERNAME',
        'LOGFERRY_ELASTICSEARCH_PASSWORD',
        'LOGFERRY_ELASTICSEARCH_API_KEY',
      ]);
      auth = { kind: 'none' };
      break;
    case undefined:
      break;
  }

  const template = read('LOGFERRY_INDEX_TEMPLATE');
  const dataStream = read('LOGFERRY_DATA_STREAM');
  if (template !== undefined && dataStream !== undefined) {
    problems.push(
      'LOGFERRY_INDEX_TEMPLATE and LOGFERRY_DATA_STREAM are mutually exclusive; set only one',
    );
  }
  const jsonMode = readChoice(read, 'LOGFERRY_JSON_MODE', jsonModes, 'namespace', problems);
  const bulkMaxBytes = readInteger(read, 'LOGFERRY_BULK_MAX_BYTES', problems, {
    minimum: minimumBulkMaxBytes,
    maximum: maximumBulkMaxBytes,
  });

  const documentIds = readChoice(
    read,
    'LOGFERRY_DOCUMENT_IDS',
    documentIdModes,
    'event-id',
    problems,
  );
  const compression = readChoice(
    read,
    'LOGFERRY_ELASTICSEARCH_COMPRESSION',
    compressions,
    'auto',
    problems,
  );

  if (
    url === undefined ||
    auth === undefined ||
    jsonMode === undefined ||
    documentIds === undefined ||
    compression === undefined
  ) {
    return undefined;
  }
  return {
    url,
    auth,
    indexTemplate: template ?? 'cwl-{yyyy.MM.dd}',
    dataStream,
    jsonMode,
    bulkMaxBytes,
    documentIds,
    compression,
  };
}

function readHttpConfig(read: Read, problems: string[]): HttpSinkConfig | undefined {
  // The whole URL is a secret; `user:password@` in it is how Logstash/Logit basic auth is given.
  const url = readUrl(read, 'LOGFERRY_HTTP_URL', problems, {
    secret: true,
    allowCredentials: true,
  });
  if (read('LOGFERRY_HTTP_URL') === undefined) {
    if (read('LOGFERRY_HTTP_PRESET') !== undefined) {
      problems.push(
        'LOGFERRY_HTTP_PRESET is set but LOGFERRY_HTTP_URL is not; set the URL to enable the HTTP sink',
      );
    }
    return undefined;
  }
  const preset = readChoice(read, 'LOGFERRY_HTTP_PRESET', httpPresets, 'generic', problems);
  if (url === undefined || preset === undefined) return undefined;
  return { url: new Secret(url), preset };
}

function readChoice<const Choice extends string>(
  read: Read,
  name: string,
  choices: readonly Choice[],
  fallback: Choice,
  problems: string[],
): Choice | undefined {
  const value = read(name);
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as Choice;
  problems.push(`${name} must be one of ${choices.join(', ')}; received ${quote(value)}`);
  return undefined;
}

function readInteger(
  read: Read,
  name: string,
  problems: string[],
  range: { readonly minimum: number; readonly maximum: number },
): number | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < range.minimum || parsed > range.maximum) {
    problems.push(
      `${name} must be a whole number from ${range.minimum} to ${range.maximum}; received ${quote(value)}`,
    );
    return undefined;
  }
  return parsed;
}

function readUrl(
  read: Read,
  name: string,
  problems: string[],
  options: { readonly secret: boolean; readonly allowCredentials?: boolean },
): string | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  // A URL may carry a token (Sumo Logic puts it in the path): describe it without echoing it.
  const received = options.secret ? `a value of ${value.length} characters` : quote(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} must be an absolute http(s) URL; received ${received}`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`${name} must use https:// or http://; received protocol ${quote(url.protocol)}`);
    return undefined;
  }
  if (options.allowCredentials !== true && (url.username !== '' || url.password !== '')) {
    problems.push(
      `${name} must not contain credentials (user:password@); use the auth settings instead; received a URL for host ${quote(url.host)}`,
    );
    return undefined;
  }
  return value;
}

const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function readBucket(read: Read, name: string, problems: string[]): string | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  if (!bucketPattern.test(value) || value.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(value)) {
    problems.push(
      `${name} must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit); received ${quote(value)}`,
    );
    return undefined;
  }
  return value;
}

function readPrefix(read: Read, name: string, fallback: string, problems: string[]): string {
  const value = read(name);
  if (value === undefined) return fallback;
  const prefix = value.replace(/\/+$/, '');
  if (prefix === '' || prefix.startsWith('/') || prefix.split('/').some((part) => part === '..')) {
    problems.push(
      `${name} must be a relative key prefix such as "archive" or "logs/archive" (no leading "/", no ".." segment); received ${quote(value)}`,
    );
    return fallback;
  }
  return prefix;
}

function overlaps(first: string, second: string): boolean {
  return `${first}/`.startsWith(`${second}/`) || `${second}/`.startsWith(`${first}/`);
}

function quote(value: string): string {
  const limit = 80;
  return JSON.stringify(value.length > limit ? `${value.slice(0, limit)}…` : value);
}

function suggestVariable(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const known of settingNames) {
    const distance = measureEditDistance(name, known);
    if (best === undefined || distance < best.distance) best = { name: known, distance };
  }
  return best !== undefined && best.distance <= 3 ? best.name : undefined;
}

function measureEditDistance(first: string, second: string): number {
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let row = 1; row <= first.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= second.length; column += 1) {
      const substitution = first[row - 1] === second[column - 1] ? 0 : 1;
      current[column] = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        (previous[column - 1] ?? 0) + substitution,
      );
    }
    previous = current;
  }
  return previous[second.length] ?? 0;
}

function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !(value instanceof Secret)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}
