import { describe, expect, it } from 'vitest';
// The Lambda's own loader, imported by path in this test only (apps are not packages): the replay
// must read the same variables the same way, and this test fails the day they drift apart.
import { loadConfig } from '../../../kinesis-lambda/src/config';
import { isReplayError } from './errors';
import { loadReplayConfig } from './load-replay-config';

/** What both loaders produce, in one shape (secrets revealed for the comparison). */
function normalize(config: object) {
  return JSON.parse(
    JSON.stringify(config, (_key, value) =>
      value !== null && typeof value === 'object' && typeof value.reveal === 'function'
        ? `secret:${value.reveal()}`
        : value,
    ),
  );
}

// Each environment is valid for the Lambda: a sink, a dead-letter bucket and a region.
const validEnvironments: Record<string, string>[] = [
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
  },
  {
    AWS_REGION: 'us-east-1',
    LOGFERRY_ELASTICSEARCH_URL: 'https://abc123def456.us-east-1.aoss.amazonaws.com',
    LOGFERRY_DATA_STREAM: 'logs-cloudwatch-default',
    LOGFERRY_DOCUMENT_IDS: 'none',
    LOGFERRY_DEAD_LETTER_BUCKET: 'acme-dead-letters',
    LOGFERRY_DEAD_LETTER_PREFIX: 'failed/',
  },
  {
    AWS_REGION: 'eu-central-1',
    LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200/prefix',
    LOGFERRY_ELASTICSEARCH_AUTH: 'basic',
    LOGFERRY_ELASTICSEARCH_USERNAME: 'elastic',
    LOGFERRY_ELASTICSEARCH_PASSWORD: 'hunter2',
    LOGFERRY_INDEX_TEMPLATE: 'cwl-{owner}-{yyyy.MM}',
    LOGFERRY_JSON_MODE: 'off',
    LOGFERRY_BULK_MAX_BYTES: '2048',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ARCHIVE_PREFIX: 'logs/archive',
    LOGFERRY_DEAD_LETTER_PREFIX: 'logs/dead-letter',
    LOGFERRY_S3_KMS_KEY_ID: 'alias/logs',
    LOGFERRY_S3_ENDPOINT: 'http://127.0.0.1:9000',
    LOGFERRY_RETRY_BUDGET_MS: '60000',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ELASTICSEARCH_URL: 'https://logs.es.eu-west-1.aws.elastic-cloud.com',
    LOGFERRY_ELASTICSEARCH_AUTH: 'api-key',
    LOGFERRY_ELASTICSEARCH_API_KEY: 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
    LOGFERRY_HTTP_URL: 'https://user:pass@listener.logit.io:443',
    LOGFERRY_HTTP_PRESET: 'logstash',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
  },
  {
    AWS_REGION: 'ap-southeast-2',
    LOGFERRY_HTTP_URL: 'https://http-intake.logs.datadoghq.com/api/v2/logs?dd-api-key=abc',
    LOGFERRY_HTTP_PRESET: 'datadog',
    LOGFERRY_DEAD_LETTER_BUCKET: 'acme-dead-letters',
    LOGFERRY_ELASTICSEARCH_URL: 'https://search.internal:9200',
    LOGFERRY_ELASTICSEARCH_AUTH: 'none',
  },
];

// Invalid for both, for the same reasons (each also has what the Lambda alone requires).
const invalidEnvironments: Record<string, string>[] = [
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ELASTICSEARCH_URL: 'https://x.example.com',
    LOGFERRY_ELASTICSEARCH_AUTH: 'sigv5',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ELASTICSEARCH_URL: 'https://x.example.com',
    LOGFERRY_ELASTICSEARCH_AUTH: 'basic',
    LOGFERRY_ELASTICSEARCH_USERNAME: 'u',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ELASTICSEARCH_URL: 'https://x.example.com',
    LOGFERRY_ELASTICSEARCH_API_KEY: 'k',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ELASTICSEARCH_URL: 'https://u:p@x.example.com',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ELASTICSEARCH_URL: 'https://x.example.com',
    LOGFERRY_INDEX_TEMPLATE: 'a',
    LOGFERRY_DATA_STREAM: 'b',
    LOGFERRY_BULK_MAX_BYTES: '12',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_HTTP_URL: 'https://x.example.com',
    LOGFERRY_HTTP_PRESET: 'splunk',
    LOGFERRY_S3_ENDPOINT: 'localhost:9000',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ELASTICSEARCH_URL: 'https://x.example.com',
    LOGFERRY_DOCUMENT_IDS: 'random',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_DOCUMENT_IDS: 'none',
    LOGFERRY_JSON_MODE: 'off',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme..logs',
    LOGFERRY_DEAD_LETTER_BUCKET: 'acme-dl',
    LOGFERRY_ARCHIVE_PREFIX: '/archive',
    LOGFERRY_HTTP_URL: 'https://x.example.com',
  },
  {
    AWS_REGION: 'eu-west-1',
    LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
    LOGFERRY_ARCHIVE_PREFIX: 'logs',
    LOGFERRY_DEAD_LETTER_PREFIX: 'logs/dl',
    LOGFERRY_RETRY_BUDGET_MS: '900001',
  },
];

function lambdaProblems(environment: Record<string, string>): readonly string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    return (error as { problems: readonly string[] }).problems;
  }
  return [];
}

function replayProblems(environment: Record<string, string>): readonly string[] {
  try {
    loadReplayConfig(environment);
  } catch (error) {
    if (isReplayError(error)) return error.problems;
    throw error;
  }
  return [];
}

describe('loadReplayConfig and the Lambda’s loadConfig', () => {
  it.each(validEnvironments.map((environment, index) => [index, environment] as const))(
    'read valid environment #%i into the same destinations and locations',
    (_, environment) => {
      const lambda = loadConfig(environment);
      const replay = loadReplayConfig(environment);
      expect(normalize({ ...replay, kmsKeyId: undefined })).toEqual(
        normalize({
          elasticsearch: lambda.elasticsearch,
          http: lambda.http,
          archive: lambda.archive,
          deadLetter: lambda.deadLetter,
          retryBudgetMs: lambda.retryBudgetMs,
          region: lambda.s3.region,
          s3Endpoint: lambda.s3.endpoint,
        }),
      );
      expect(replay.kmsKeyId).toBe(lambda.s3.kmsKeyId);
    },
  );

  it.each(invalidEnvironments.map((environment, index) => [index, environment] as const))(
    'refuse invalid environment #%i with the same problems',
    (_, environment) => {
      const lambda = lambdaProblems(environment);
      expect(lambda.length).toBeGreaterThan(0);
      expect(replayProblems(environment)).toEqual(lambda);
    },
  );

  it('refuse the same misspelt variable names, with the same suggestion', () => {
    const environment = {
      AWS_REGION: 'eu-west-1',
      LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
      LOGFERRY_ARCHIVE_PREFX: 'x',
    };
    const suggestion =
      /^LOGFERRY_ARCHIVE_PREFX is not a logferry setting \(did you mean LOGFERRY_ARCHIVE_PREFIX\?\)/;
    expect(lambdaProblems(environment)[0]).toMatch(suggestion);
    expect(replayProblems(environment)[0]).toMatch(suggestion);
  });
});
