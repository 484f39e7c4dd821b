import { inferAwsEndpoint } from '@logferry/sigv4';
import { ReplayError } from './errors';
import { replaySettingNames } from './replay-settings';
import { Secret } from './secret';

/**
 * How the Elasticsearch/OpenSearch destination authenticates.
 *
 * @example
 * ```ts
 * const auth: ReplayElasticsearchAuth = { kind: 'aws-sigv4', service: 'es', region: 'eu-west-1' };
 * ```
 */
export type ReplayElasticsearchAuth =
  | { readonly kind: 'aws-sigv4'; readonly service: 'es' | 'aoss'; readonly region: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: Secret }
  | { readonly kind: 'api-key'; readonly apiKey: Secret }
  | { readonly kind: 'none' };

/**
 * The validated settings of a replay: the Lambda's configuration, minus what only a Lambda has
 * (function name, own log group), with the dead-letter store optional.
 *
 * @example
 * ```ts
 * const config: ReplayConfig = loadReplayConfig({ LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200', LOGFERRY_ELASTICSEARCH_AUTH: 'none' });
 * ```
 */
export interface ReplayConfig {
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`: the S3 signing region. */
  readonly region: string | undefined;
  readonly elasticsearch:
    | {
        readonly url: string;
        readonly auth: ReplayElasticsearchAuth;
        /** `cwl-{yyyy.MM.dd}` unless set; unused when `dataStream` is set. */
        readonly indexTemplate: string;
        readonly dataStream: string | undefined;
        readonly jsonMode: 'namespace' | 'root' | 'off';
        readonly bulkMaxBytes: number | undefined;
        /**
         * `event-id`: the CloudWatch event id is the `_id`, so a replay stores nothing twice;
         * `none` (OpenSearch Serverless time series): every replayed event is stored again.
         */
        readonly documentIds: 'event-id' | 'none';
      }
    | undefined;
  readonly http: { readonly url: Secret; readonly preset: ReplayHttpPreset } | undefined;
  /** The archive the Lambda writes (`LOGFERRY_ARCHIVE_*`): the default `--from`. */
  readonly archive: { readonly bucket: string; readonly prefix: string } | undefined;
  /** The dead-letter store (`LOGFERRY_DEAD_LETTER_*`, bucket defaulting to the archive's). */
  readonly deadLetter: { readonly bucket: string; readonly prefix: string } | undefined;
  /** SSE-KMS key for dead letters written; `undefined` keeps the bucket default. */
  readonly kmsKeyId: string | undefined;
  /** S3-compatible endpoint (path-style); `undefined` means AWS. */
  readonly s3Endpoint: string | undefined;
  /** Time limit of one batch's delivery (first attempt and retries), in ms. */
  readonly retryBudgetMs: number | undefined;
}

/**
 * The HTTP intake flavours, as in the Lambda.
 *
 * @example
 * ```ts
 * const preset: ReplayHttpPreset = 'sumo-logic';
 * ```
 */
export type ReplayHttpPreset = 'sumo-logic' | 'logstash' | 'datadog' | 'generic';

type Read = (name: string) => string | undefined;

const authKinds = ['aws-sigv4', 'basic', 'api-key', 'none'] as const;
const sigv4Services = ['es', 'aoss'] as const;
const jsonModes = ['namespace', 'root', 'off'] as const;
const documentIdModes = ['event-id', 'none'] as const;
const httpPresets = ['sumo-logic', 'logstash', 'datadog', 'generic'] as const;
const elasticsearchDependents = [
  'LOGFERRY_ELASTICSEARCH_AUTH',
  'LOGFERRY_SIGV4_SERVICE',
  'LOGFERRY_SIGV4_REGION',
  'LOGFERRY_ELASTICSEARCH_USERNAME',
  'LOGFERRY_ELASTICSEARCH_PASSWORD',
  'LOGFERRY_ELASTICSEARCH_API_KEY',
  'LOGFERRY_INDEX_TEMPLATE',
  'LOGFERRY_DATA_STREAM',
  'LOGFERRY_JSON_MODE',
  'LOGFERRY_BULK_MAX_BYTES',
  'LOGFERRY_DOCUMENT_IDS',
];
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Reads and validates replay settings, with the Lambda's variable names and rules
 * (`apps/kinesis-lambda/src/config.ts`): empty values count as unset, unknown `LOGFERRY_*` names
 * are refused with a suggestion, settings that only make sense with a sink are refused without
 * it, credentials the chosen auth mode would not use are refused, and the archive and dead-letter
 * prefixes may not overlap in one bucket. Unlike the Lambda it needs no sink and no dead-letter
 * bucket (the command checks what the run needs), and it takes `AWS_DEFAULT_REGION` when
 * `AWS_REGION` is unset, as the AWS CLI does.
 *
 * @throws {ReplayError} `invalid-config`, listing every problem found, never echoing a secret.
 * @example
 * ```ts
 * const config = loadReplayConfig({
 *   AWS_REGION: 'eu-west-1',
 *   LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc.eu-west-1.es.amazonaws.com',
 * });
 * config.elasticsearch?.auth; // { kind: 'aws-sigv4', service: 'es', region: 'eu-west-1' }
 * ```
 */
export function loadReplayConfig(
  settings: Readonly<Record<string, string | undefined>>,
): ReplayConfig {
  const problems: string[] = [];
  const read: Read = (name) => {
    const value = settings[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  for (const name of Object.keys(settings)) {
    if (name.startsWith('LOGFERRY_') && !(replaySettingNames as readonly string[]).includes(name)) {
      const suggestion = suggestSettingName(name);
      problems.push(
        `${name} is not a logferry setting${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; the known settings are listed by 'logferry replay --help'`,
      );
    }
  }

  const region = read('AWS_REGION') ?? read('AWS_DEFAULT_REGION');
  const elasticsearch = readElasticsearch(read, region, problems);

  const archiveBucket = readBucket(read, 'LOGFERRY_ARCHIVE_BUCKET', problems);
  const archivePrefix = readPrefix(read, 'LOGFERRY_ARCHIVE_PREFIX', 'archive', problems);
  const deadLetterBucket =
    readBucket(read, 'LOGFERRY_DEAD_LETTER_BUCKET', problems) ?? archiveBucket;
  const deadLetterPrefix = readPrefix(read, 'LOGFERRY_DEAD_LETTER_PREFIX', 'dead-letter', problems);
  // As in the Lambda, an invalid bucket counts as unset here too.
  if (read('LOGFERRY_ARCHIVE_PREFIX') !== undefined && archiveBucket === undefined) {
    problems.push(
      'LOGFERRY_ARCHIVE_PREFIX is set but LOGFERRY_ARCHIVE_BUCKET is not; set the bucket to enable the archive',
    );
  }
  if (
    read('LOGFERRY_DEAD_LETTER_PREFIX') !== undefined &&
    read('LOGFERRY_DEAD_LETTER_BUCKET') === undefined &&
    read('LOGFERRY_ARCHIVE_BUCKET') === undefined
  ) {
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

  const http = readHttp(read, problems);
  const s3Endpoint = readUrl(read, 'LOGFERRY_S3_ENDPOINT', problems, { secret: false });
  const retryBudgetMs = readInteger(read, 'LOGFERRY_RETRY_BUDGET_MS', problems, 1, 900_000);

  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new ReplayError(
      `Invalid logferry configuration (${count}):\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
      { code: 'invalid-config', problems },
    );
  }
  return {
    region,
    elasticsearch,
    http,
    archive:
      archiveBucket === undefined ? undefined : { bucket: archiveBucket, prefix: archivePrefix },
    deadLetter:
      deadLetterBucket === undefined
        ? undefined
        : { bucket: deadLetterBucket, prefix: deadLetterPrefix },
    kmsKeyId: read('LOGFERRY_S3_KMS_KEY_ID'),
    s3Endpoint,
    retryBudgetMs,
  };
}

function readElasticsearch(
  read: Read,
  region: string | undefined,
  problems: string[],
): ReplayConfig['elasticsearch'] {
  if (read('LOGFERRY_ELASTICSEARCH_URL') === undefined) {
    const dependent = elasticsearchDependents.filter((name) => read(name) !== undefined);
    if (dependent.length > 0) {
      problems.push(
        `${dependent.join(', ')} ${dependent.length === 1 ? 'is' : 'are'} set but LOGFERRY_ELASTICSEARCH_URL is not; set the URL to enable the search sink`,
      );
    }
    return undefined;
  }
  const url = readUrl(read, 'LOGFERRY_ELASTICSEARCH_URL', problems, { secret: false });
  const authKind = readChoice(
    read,
    'LOGFERRY_ELASTICSEARCH_AUTH',
    authKinds,
    'aws-sigv4',
    problems,
  );
  // Custom hosts infer nothing: the explicit settings and the region decide.
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
  const refuseUnused = (names: readonly string[]) => {
    for (const name of names) {
      if (read(name) !== undefined) {
        problems.push(
          `${name} is set but LOGFERRY_ELASTICSEARCH_AUTH is ${authKind ?? 'invalid'}, which does not use it; remove it or change the auth mode`,
        );
      }
    }
  };

  let auth: ReplayElasticsearchAuth | undefined;
  switch (authKind) {
    case 'aws-sigv4':
      refuseUnused([
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
      refuseUnused([
        'LOGFERRY_SIGV4_SERVICE',
        'LOGFERRY_SIGV4_REGION',
        'LOGFERRY_ELASTICSEARCH_API_KEY',
      ]);
      if (username === undefined || password === undefined) {
        const missing = [
          username === undefined ? 'LOGFERRY_ELASTICSEARCH_USERNAME' : undefined,
          password === undefined ? 'LOGFERRY_ELASTICSEARCH_PASSWORD' : undefined,
        ].filter((name) => name !== undefined);
        problems.push(
          `basic auth needs both LOGFERRY_ELASTICSEARCH_USERNAME and LOGFERRY_ELASTICSEARCH_PASSWORD; missing ${missing.join(' and ')}`,
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
      refuseUnused([
        'LOGFERRY_SIGV4_SERVICE',
        'LOGFERRY_SIGV4_REGION',
        'LOGFERRY_ELASTICSEARCH_USERNAME',
        'LOGFERRY_ELASTICSEARCH_PASSWORD',
      ]);
      if (apiKey === undefined) problems.push('api-key auth needs LOGFERRY_ELASTICSEARCH_API_KEY');
      else auth = { kind: 'api-key', apiKey: new Secret(apiKey) };
      break;
    case 'none':
      refuseUnused([
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

  const indexTemplate = read('LOGFERRY_INDEX_TEMPLATE');
  const dataStream = read('LOGFERRY_DATA_STREAM');
  if (indexTemplate !== undefined && dataStream !== undefined) {
    problems.push(
      'LOGFERRY_INDEX_TEMPLATE and LOGFERRY_DATA_STREAM are mutually exclusive; set only one',
    );
  }
  const jsonMode = readChoice(read, 'LOGFERRY_JSON_MODE', jsonModes, 'namespace', problems);
  // The same bounds as the Lambda: below 1 KiB no event fits with its action line; 100 MiB is
  // the largest payload Amazon OpenSearch Service accepts.
  const bulkMaxBytes = readInteger(
    read,
    'LOGFERRY_BULK_MAX_BYTES',
    problems,
    1024,
    100 * 1024 * 1024,
  );
  const documentIds = readChoice(
    read,
    'LOGFERRY_DOCUMENT_IDS',
    documentIdModes,
    'event-id',
    problems,
  );
  if (
    url === undefined ||
    auth === undefined ||
    jsonMode === undefined ||
    documentIds === undefined
  ) {
    return undefined;
  }
  return {
    url,
    auth,
    indexTemplate: indexTemplate ?? 'cwl-{yyyy.MM.dd}',
    dataStream,
    jsonMode,
    bulkMaxBytes,
    documentIds,
  };
}

function readHttp(read: Read, problems: string[]): ReplayConfig['http'] {
  if (read('LOGFERRY_HTTP_URL') === undefined) {
    if (read('LOGFERRY_HTTP_PRESET') !== undefined) {
      problems.push(
        'LOGFERRY_HTTP_PRESET is set but LOGFERRY_HTTP_URL is not; set the URL to enable the HTTP sink',
      );
    }
    return undefined;
  }
  // The whole URL is a secret: `user:password@` in it is how Logstash/Logit basic auth is given.
  const url = readUrl(read, 'LOGFERRY_HTTP_URL', problems, {
    secret: true,
    allowCredentials: true,
  });
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
  minimum: number,
  maximum: number,
): number | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < minimum || parsed > maximum) {
    problems.push(
      `${name} must be a whole number from ${minimum} to ${maximum}; received ${quote(value)}`,
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
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function suggestSettingName(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const known of replaySettingNames) {
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
