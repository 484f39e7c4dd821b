import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { ConfigError } from './errors';

const lambdaEnvironment = {
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'logferry',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/logferry',
};

function captureConfigError(environment: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults for a managed OpenSearch domain and an archive bucket', () => {
    const config = loadConfig({
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc123.eu-central-1.es.amazonaws.com',
      LOGFERRY_ARCHIVE_BUCKET: 'my-log-archive',
    });

    expect(config).toEqual({
      functionName: 'logferry',
      ownLogGroup: '/aws/lambda/logferry',
      elasticsearch: {
        url: 'https://search-logs-abc123.eu-central-1.es.amazonaws.com',
        // region inferred from the URL wins over AWS_REGION
        auth: { kind: 'aws-sigv4', service: 'es', region: 'eu-central-1' },
        indexTemplate: 'cwl-{yyyy.MM.dd}',
        dataStream: undefined,
        jsonMode: 'namespace',
        bulkMaxBytes: undefined,
        documentIds: 'event-id',
        compression: 'auto',
      },
      archive: { bucket: 'my-log-archive', prefix: 'archive' },
      deadLetter: { bucket: 'my-log-archive', prefix: 'dead-letter' },
      s3: { region: 'eu-west-1', kmsKeyId: undefined, endpoint: undefined },
      http: undefined,
      retryBudgetMs: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.elasticsearch)).toBe(true);
  });

  it('infers the aoss signing service for an OpenSearch Serverless collection', () => {
    const config = loadConfig({
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'https://abc123xyz.us-east-1.aoss.amazonaws.com',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
    });

    expect(config.elasticsearch?.auth).toEqual({
      kind: 'aws-sigv4',
      service: 'aoss',
      region: 'us-east-1',
    });
    expect(config.archive).toBeUndefined();
    expect(config.deadLetter).toEqual({ bucket: 'dead-letters', prefix: 'dead-letter' });
  });

  it('signs custom endpoints with AWS_REGION and service es unless told otherwise', () => {
    const base = {
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'https://logs.example.com',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
    };
    expect(loadConfig(base).elasticsearch?.auth).toEqual({
      kind: 'aws-sigv4',
      service: 'es',
      region: 'eu-west-1',
    });
    expect(
      loadConfig({ ...base, LOGFERRY_SIGV4_SERVICE: 'aoss', LOGFERRY_SIGV4_REGION: 'ap-south-1' })
        .elasticsearch?.auth,
    ).toEqual({ kind: 'aws-sigv4', service: 'aoss', region: 'ap-south-1' });
  });

  it('reads every other setting', () => {
    const config = loadConfig({
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
      LOGFERRY_ELASTICSEARCH_AUTH: 'basic',
      LOGFERRY_ELASTICSEARCH_USERNAME: 'elastic',
      LOGFERRY_ELASTICSEARCH_PASSWORD: 'changeme',
      LOGFERRY_DATA_STREAM: 'logs-cloudwatch-default',
      LOGFERRY_JSON_MODE: 'root',
      LOGFERRY_BULK_MAX_BYTES: '1048576',
      LOGFERRY_ARCHIVE_BUCKET: 'archive-bucket',
      LOGFERRY_ARCHIVE_PREFIX: 'logs/archive/',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dlq-bucket',
      LOGFERRY_DEAD_LETTER_PREFIX: 'failed',
      LOGFERRY_S3_KMS_KEY_ID: 'arn:aws:kms:eu-west-1:123456789012:key/abcd',
      LOGFERRY_S3_ENDPOINT: 'http://127.0.0.1:4568',
      LOGFERRY_HTTP_URL: 'https://endpoint4.collection.sumologic.com/receiver/v1/http/SECRETTOKEN',
      LOGFERRY_HTTP_PRESET: 'sumo-logic',
      LOGFERRY_RETRY_BUDGET_MS: '20000',
      LOGFERRY_DOCUMENT_IDS: 'none',
      LOGFERRY_ELASTICSEARCH_COMPRESSION: 'none',
    });

    expect(config.elasticsearch).toMatchObject({
      url: 'http://127.0.0.1:9200',
      auth: { kind: 'basic', username: 'elastic' },
      indexTemplate: 'cwl-{yyyy.MM.dd}',
      dataStream: 'logs-cloudwatch-default',
      jsonMode: 'root',
      bulkMaxBytes: 1_048_576,
      documentIds: 'none',
      compression: 'none',
    });
    const auth = config.elasticsearch?.auth;
    expect(auth?.kind === 'basic' && auth.password.reveal()).toBe('changeme');
    expect(config.archive).toEqual({ bucket: 'archive-bucket', prefix: 'logs/archive' });
    expect(config.deadLetter).toEqual({ bucket: 'dlq-bucket', prefix: 'failed' });
    expect(config.s3).toEqual({
      region: 'eu-west-1',
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abcd',
      endpoint: 'http://127.0.0.1:4568',
    });
    expect(config.http?.preset).toBe('sumo-logic');
    expect(config.http?.url.reveal()).toBe(
      'https://endpoint4.collection.sumologic.com/receiver/v1/http/SECRETTOKEN',
    );
    expect(config.retryBudgetMs).toBe(20_000);
  });

  it('never shows secrets when the configuration is logged, inspected or serialized', () => {
    const config = loadConfig({
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'https://es.example.com',
      LOGFERRY_ELASTICSEARCH_AUTH: 'api-key',
      LOGFERRY_ELASTICSEARCH_API_KEY:
        'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
      LOGFERRY_HTTP_URL:
        'https://http-intake.logs.datadoghq.com/api/v2/logs?dd-api-key=SECRETTOKEN',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
    });

    for (const text of [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      String(config.http?.url),
    ]) {
      expect(text).not.toContain('VnVhQ2ZHY0JDZGJr');
      expect(text).not.toContain('SECRETTOKEN');
    }
    expect(JSON.stringify(config.elasticsearch?.auth)).toBe(
      '{"kind":"api-key","apiKey":"[redacted]"}',
    );
  });

  it('accepts credentials inside the HTTP intake URL, which is secret as a whole', () => {
    const config = loadConfig({
      ...lambdaEnvironment,
      LOGFERRY_HTTP_URL: 'https://user:p%40ss@listener.logit.io:443',
      LOGFERRY_HTTP_PRESET: 'logstash',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
    });

    expect(config.http?.url.reveal()).toBe('https://user:p%40ss@listener.logit.io:443');
    expect(inspect(config, { depth: 10 })).not.toContain('p%40ss');
  });

  it('treats empty and blank values as unset, as Terraform passes them', () => {
    const config = loadConfig({
      ...lambdaEnvironment,
      LOGFERRY_ARCHIVE_BUCKET: 'archive-bucket',
      LOGFERRY_ELASTICSEARCH_URL: '',
      LOGFERRY_HTTP_URL: '  ',
      LOGFERRY_RETRY_BUDGET_MS: '',
    });

    expect(config.elasticsearch).toBeUndefined();
    expect(config.http).toBeUndefined();
    expect(config.retryBudgetMs).toBeUndefined();
  });

  it('lists every problem in one ConfigError, not just the first', () => {
    const error = captureConfigError({
      LOGFERRY_ELASTICSEARCH_URL: 'ftp://es.example.com',
      LOGFERRY_ELASTICSEARCH_AUTH: 'sigv5',
      LOGFERRY_JSON_MODE: 'flatten',
      LOGFERRY_BULK_MAX_BYTES: '5MB',
      LOGFERRY_DOCUMENT_IDS: 'random',
      LOGFERRY_ELASTICSEARCH_COMPRESSION: 'brotli',
      LOGFERRY_ARCHIVE_BUCKET: 'My_Bucket',
      LOGFERRY_RETRY_BUDGET_MS: '-1',
      LOGFERRY_HTTP_PRESET: 'splunk',
      LOGFERRY_ELASTICSEARCH_URl: 'https://typo.example.com',
    });

    expect(error.name).toBe('ConfigError');
    expect(error.code).toBe('invalid-config');
    expect(error.problems).toEqual([
      'LOGFERRY_ELASTICSEARCH_URl is not a logferry setting (did you mean LOGFERRY_ELASTICSEARCH_URL?); the known settings are listed in the README',
      'LOGFERRY_ELASTICSEARCH_URL must use https:// or http://; received protocol "ftp:"',
      'LOGFERRY_ELASTICSEARCH_AUTH must be one of aws-sigv4, basic, api-key, none; received "sigv5"',
      'LOGFERRY_JSON_MODE must be one of namespace, root, off; received "flatten"',
      'LOGFERRY_BULK_MAX_BYTES must be a whole number from 1024 to 104857600; received "5MB"',
      'LOGFERRY_DOCUMENT_IDS must be one of event-id, none; received "random"',
      'LOGFERRY_ELASTICSEARCH_COMPRESSION must be one of auto, gzip, none; received "brotli"',
      'LOGFERRY_ARCHIVE_BUCKET must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit); received "My_Bucket"',
      'LOGFERRY_HTTP_PRESET is set but LOGFERRY_HTTP_URL is not; set the URL to enable the HTTP sink',
      'AWS_REGION is required to sign S3 requests (the Lambda runtime sets it; set it yourself when running elsewhere)',
      'LOGFERRY_RETRY_BUDGET_MS must be a whole number from 1 to 900000; received "-1"',
    ]);
    expect(error.message).toBe(
      `Invalid logferry configuration (11 problems):\n${error.problems.map((problem) => `- ${problem}`).join('\n')}`,
    );
  });

  it('reads LOGFERRY_ELASTICSEARCH_COMPRESSION: auto by default, auto, gzip or none when set', () => {
    const base = {
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'https://es.example.com',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
    };
    expect(loadConfig(base).elasticsearch?.compression).toBe('auto');
    // Blank counts as unset, as Terraform passes it.
    expect(
      loadConfig({ ...base, LOGFERRY_ELASTICSEARCH_COMPRESSION: ' ' }).elasticsearch?.compression,
    ).toBe('auto');
    expect(
      loadConfig({ ...base, LOGFERRY_ELASTICSEARCH_COMPRESSION: 'auto' }).elasticsearch
        ?.compression,
    ).toBe('auto');
    expect(
      loadConfig({ ...base, LOGFERRY_ELASTICSEARCH_COMPRESSION: 'gzip' }).elasticsearch
        ?.compression,
    ).toBe('gzip');
    expect(
      loadConfig({ ...base, LOGFERRY_ELASTICSEARCH_COMPRESSION: 'none' }).elasticsearch
        ?.compression,
    ).toBe('none');
    expect(
      captureConfigError({ ...base, LOGFERRY_ELASTICSEARCH_COMPRESSION: 'GZIP' }).problems,
    ).toEqual([
      'LOGFERRY_ELASTICSEARCH_COMPRESSION must be one of auto, gzip, none; received "GZIP"',
    ]);
    expect(
      captureConfigError({ ...base, LOGFERRY_ELASTICSEARCH_COMPRESION: 'none' }).problems,
    ).toEqual([
      'LOGFERRY_ELASTICSEARCH_COMPRESION is not a logferry setting (did you mean LOGFERRY_ELASTICSEARCH_COMPRESSION?); the known settings are listed in the README',
    ]);
    expect(
      captureConfigError({
        ...lambdaEnvironment,
        LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
        LOGFERRY_ELASTICSEARCH_COMPRESSION: 'none',
      }).problems,
    ).toEqual([
      'LOGFERRY_ELASTICSEARCH_COMPRESSION is set but LOGFERRY_ELASTICSEARCH_URL is not; set the URL to enable the search sink',
    ]);
  });

  it('requires a sink and a dead-letter bucket', () => {
    expect(captureConfigError(lambdaEnvironment).problems).toEqual([
      'no sink is configured: set at least one of LOGFERRY_ELASTICSEARCH_URL, LOGFERRY_ARCHIVE_BUCKET or LOGFERRY_HTTP_URL',
      'a dead-letter bucket is required so that permanently rejected and undecodable records are kept instead of blocking the shard: set LOGFERRY_DEAD_LETTER_BUCKET (it defaults to LOGFERRY_ARCHIVE_BUCKET)',
    ]);
    expect(
      captureConfigError({
        ...lambdaEnvironment,
        LOGFERRY_ELASTICSEARCH_URL: 'https://es.example.com',
      }).problems,
    ).toEqual([
      'a dead-letter bucket is required so that permanently rejected and undecodable records are kept instead of blocking the shard: set LOGFERRY_DEAD_LETTER_BUCKET (it defaults to LOGFERRY_ARCHIVE_BUCKET)',
    ]);
  });

  it('requires the credentials of the chosen auth mode, and rejects credentials it would not use', () => {
    const base = {
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'https://es.example.com',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
    };
    expect(captureConfigError({ ...base, LOGFERRY_ELASTICSEARCH_AUTH: 'basic' }).problems).toEqual([
      'basic auth needs both LOGFERRY_ELASTICSEARCH_USERNAME and LOGFERRY_ELASTICSEARCH_PASSWORD; missing LOGFERRY_ELASTICSEARCH_USERNAME and LOGFERRY_ELASTICSEARCH_PASSWORD',
    ]);
    expect(
      captureConfigError({ ...base, LOGFERRY_ELASTICSEARCH_AUTH: 'api-key' }).problems,
    ).toEqual(['api-key auth needs LOGFERRY_ELASTICSEARCH_API_KEY']);
    expect(
      captureConfigError({ ...base, LOGFERRY_ELASTICSEARCH_PASSWORD: 'hunter2' }).problems,
    ).toEqual([
      'LOGFERRY_ELASTICSEARCH_PASSWORD is set but LOGFERRY_ELASTICSEARCH_AUTH is aws-sigv4, which does not use it; remove it or change the auth mode',
    ]);
    const { AWS_REGION: _region, ...withoutRegion } = base;
    expect(captureConfigError({ ...withoutRegion }).problems).toEqual([
      'LOGFERRY_SIGV4_REGION is required for aws-sigv4 auth when the region cannot be inferred from LOGFERRY_ELASTICSEARCH_URL and AWS_REGION is unset',
      'AWS_REGION is required to sign S3 requests (the Lambda runtime sets it; set it yourself when running elsewhere)',
    ]);
  });

  it('never echoes a secret in a problem', () => {
    const error = captureConfigError({
      ...lambdaEnvironment,
      LOGFERRY_ELASTICSEARCH_URL: 'https://admin:hunter2@es.example.com',
      LOGFERRY_HTTP_URL: 'not a url SECRETTOKEN',
      LOGFERRY_S3_ENDPOINT: 'http://minio:minio123@127.0.0.1:9000',
      LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
    });

    expect(error.problems).toEqual([
      'LOGFERRY_ELASTICSEARCH_URL must not contain credentials (user:password@); use the auth settings instead; received a URL for host "es.example.com"',
      'LOGFERRY_HTTP_URL must be an absolute http(s) URL; received a value of 21 characters',
      'LOGFERRY_S3_ENDPOINT must not contain credentials (user:password@); use the auth settings instead; received a URL for host "127.0.0.1:9000"',
    ]);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('minio123');
    expect(error.message).not.toContain('SECRETTOKEN');
  });

  it('rejects settings that only make sense with a sink that is not configured', () => {
    expect(
      captureConfigError({
        ...lambdaEnvironment,
        LOGFERRY_HTTP_URL: 'https://intake.example.com',
        LOGFERRY_DEAD_LETTER_BUCKET: 'dead-letters',
        LOGFERRY_INDEX_TEMPLATE: 'logs-{yyyy}',
        LOGFERRY_JSON_MODE: 'off',
        LOGFERRY_ARCHIVE_PREFIX: 'archive',
      }).problems,
    ).toEqual([
      'LOGFERRY_INDEX_TEMPLATE, LOGFERRY_JSON_MODE are set but LOGFERRY_ELASTICSEARCH_URL is not; set the URL to enable the search sink',
      'LOGFERRY_ARCHIVE_PREFIX is set but LOGFERRY_ARCHIVE_BUCKET is not; set the bucket to enable the archive',
    ]);
  });

  it('rejects an index template together with a data stream, and overlapping S3 prefixes', () => {
    expect(
      captureConfigError({
        ...lambdaEnvironment,
        LOGFERRY_ELASTICSEARCH_URL: 'https://es.example.com',
        LOGFERRY_INDEX_TEMPLATE: 'logs-{yyyy}',
        LOGFERRY_DATA_STREAM: 'logs-cwl-default',
        LOGFERRY_ARCHIVE_BUCKET: 'logs-bucket',
        LOGFERRY_ARCHIVE_PREFIX: 'logs',
        LOGFERRY_DEAD_LETTER_PREFIX: 'logs/dead-letter',
      }).problems,
    ).toEqual([
      'LOGFERRY_INDEX_TEMPLATE and LOGFERRY_DATA_STREAM are mutually exclusive; set only one',
      'LOGFERRY_ARCHIVE_PREFIX and LOGFERRY_DEAD_LETTER_PREFIX must not overlap in the same bucket; received "logs" and "logs/dead-letter"',
    ]);
  });

  it('rejects key prefixes that are absolute or climb out of the bucket', () => {
    expect(
      captureConfigError({
        ...lambdaEnvironment,
        LOGFERRY_ARCHIVE_BUCKET: 'logs-bucket',
        LOGFERRY_ARCHIVE_PREFIX: '/archive',
        LOGFERRY_DEAD_LETTER_PREFIX: 'a/../b',
      }).problems,
    ).toEqual([
      'LOGFERRY_ARCHIVE_PREFIX must be a relative key prefix such as "archive" or "logs/archive" (no leading "/", no ".." segment); received "/archive"',
      'LOGFERRY_DEAD_LETTER_PREFIX must be a relative key prefix such as "archive" or "logs/archive" (no leading "/", no ".." segment); received "a/../b"',
    ]);
  });
});

function replayProblemsOf(settings: Record<string, string>): readonly string[] {
  try {
    loadConfig(settings, { purpose: 'replay' });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig with purpose 'replay' (logferry replay)", () => {
  it('reads the Elasticsearch destination as for the Lambda, inferring SigV4 region and service', () => {
    const config = loadConfig(
      {
        AWS_REGION: 'us-east-1',
        LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
        LOGFERRY_INDEX_TEMPLATE: 'cwl-{logGroup}-{yyyy.MM.dd}',
        LOGFERRY_JSON_MODE: 'root',
        LOGFERRY_BULK_MAX_BYTES: '1048576',
      },
      { purpose: 'replay' },
    );
    expect(config.elasticsearch).toEqual({
      url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
      auth: { kind: 'aws-sigv4', service: 'es', region: 'eu-west-1' },
      indexTemplate: 'cwl-{logGroup}-{yyyy.MM.dd}',
      dataStream: undefined,
      jsonMode: 'root',
      bulkMaxBytes: 1048576,
      documentIds: 'event-id',
      compression: 'auto',
    });
    expect(config.s3.region).toBe('us-east-1');
  });

  it('needs no sink, no dead-letter bucket and no region, and takes AWS_DEFAULT_REGION', () => {
    expect(loadConfig({ AWS_DEFAULT_REGION: 'eu-central-1' }, { purpose: 'replay' })).toEqual({
      elasticsearch: undefined,
      http: undefined,
      archive: undefined,
      deadLetter: undefined,
      s3: { region: 'eu-central-1', kmsKeyId: undefined, endpoint: undefined },
      retryBudgetMs: undefined,
    });
    expect(loadConfig({}, { purpose: 'replay' }).s3.region).toBeUndefined();
    // The same settings are refused for the Lambda, which must always be able to dead-letter.
    expect(captureConfigError({ AWS_DEFAULT_REGION: 'eu-central-1' }).problems).toEqual([
      'no sink is configured: set at least one of LOGFERRY_ELASTICSEARCH_URL, LOGFERRY_ARCHIVE_BUCKET or LOGFERRY_HTTP_URL',
      'a dead-letter bucket is required so that permanently rejected and undecodable records are kept instead of blocking the shard: set LOGFERRY_DEAD_LETTER_BUCKET (it defaults to LOGFERRY_ARCHIVE_BUCKET)',
    ]);
    expect(
      loadConfig({ AWS_DEFAULT_REGION: 'eu-central-1', LOGFERRY_ARCHIVE_BUCKET: 'acme-logs' }).s3
        .region,
    ).toBe('eu-central-1');
  });

  it('defaults the dead-letter bucket to the archive bucket, as for the Lambda', () => {
    const config = loadConfig(
      {
        LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
        LOGFERRY_ARCHIVE_PREFIX: 'logs/archive/',
        LOGFERRY_S3_KMS_KEY_ID: 'alias/logs',
        LOGFERRY_S3_ENDPOINT: 'http://127.0.0.1:9000',
      },
      { purpose: 'replay' },
    );
    expect(config.archive).toEqual({ bucket: 'acme-logs', prefix: 'logs/archive' });
    expect(config.deadLetter).toEqual({ bucket: 'acme-logs', prefix: 'dead-letter' });
    expect(config.s3).toEqual({
      region: undefined,
      kmsKeyId: 'alias/logs',
      endpoint: 'http://127.0.0.1:9000',
    });
  });

  it('keeps secrets out of inspect and JSON output, and freezes the result', () => {
    const config = loadConfig(
      {
        LOGFERRY_ELASTICSEARCH_URL: 'https://logs.example.com',
        LOGFERRY_ELASTICSEARCH_AUTH: 'basic',
        LOGFERRY_ELASTICSEARCH_USERNAME: 'elastic',
        LOGFERRY_ELASTICSEARCH_PASSWORD: 'hunter2-Pa55word',
        LOGFERRY_HTTP_URL:
          'https://endpoint4.collection.sumologic.com/receiver/v1/http/SECRET-TOKEN-123',
        LOGFERRY_HTTP_PRESET: 'sumo-logic',
      },
      { purpose: 'replay' },
    );
    const shown = `${inspect(config, { depth: 10 })}${JSON.stringify(config)}`;
    expect(shown).not.toContain('hunter2-Pa55word');
    expect(shown).not.toContain('SECRET-TOKEN-123');
    expect(config.http?.url.reveal()).toContain('SECRET-TOKEN-123');
    expect(Object.isFrozen(config.s3)).toBe(true);
  });

  it('lists every problem at once, pointing at the replay help for the known settings', () => {
    expect(
      replayProblemsOf({
        LOGFERRY_ELASTICSEARCH_URL: 'ftp://logs.example.com',
        LOGFERRY_ELASTICSEARCH_AUTH: 'basic',
        LOGFERRY_ELASTICSEARCH_USERNAME: 'user:name',
        LOGFERRY_ELASTICSEARCH_PASSWORD: 'hunter2-Pa55word',
        LOGFERRY_JSON_MODE: 'flat',
        LOGFERRY_ARCHIVE_BUCKET: 'Acme_Logs',
        LOGFERRY_HTTP_URL: 'not a url with SECRET-TOKEN',
        LOGFERRY_RETRY_BUDGET_MS: '0',
        LOGFERRY_INDEX_TEMPLATES: 'x',
      }),
    ).toEqual([
      "LOGFERRY_INDEX_TEMPLATES is not a logferry setting (did you mean LOGFERRY_INDEX_TEMPLATE?); the known settings are listed by 'logferry replay --help'",
      'LOGFERRY_ELASTICSEARCH_URL must use https:// or http://; received protocol "ftp:"',
      'LOGFERRY_ELASTICSEARCH_USERNAME must not contain ":" (HTTP basic auth cannot carry it)',
      'LOGFERRY_JSON_MODE must be one of namespace, root, off; received "flat"',
      'LOGFERRY_ARCHIVE_BUCKET must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit); received "Acme_Logs"',
      'LOGFERRY_HTTP_URL must be an absolute http(s) URL; received a value of 27 characters',
      'LOGFERRY_RETRY_BUDGET_MS must be a whole number from 1 to 900000; received "0"',
    ]);
  });

  it('refuses settings that need another one, and overlapping prefixes', () => {
    expect(
      replayProblemsOf({
        LOGFERRY_JSON_MODE: 'root',
        LOGFERRY_HTTP_PRESET: 'datadog',
        LOGFERRY_ARCHIVE_PREFIX: 'logs',
        LOGFERRY_DEAD_LETTER_PREFIX: 'failed',
      }),
    ).toEqual([
      'LOGFERRY_JSON_MODE is set but LOGFERRY_ELASTICSEARCH_URL is not; set the URL to enable the search sink',
      'LOGFERRY_ARCHIVE_PREFIX is set but LOGFERRY_ARCHIVE_BUCKET is not; set the bucket to enable the archive',
      'LOGFERRY_DEAD_LETTER_PREFIX is set but no bucket is (LOGFERRY_DEAD_LETTER_BUCKET, defaulting to LOGFERRY_ARCHIVE_BUCKET); set one to name the dead-letter store',
      'LOGFERRY_HTTP_PRESET is set but LOGFERRY_HTTP_URL is not; set the URL to enable the HTTP sink',
    ]);
    expect(
      replayProblemsOf({
        LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
        LOGFERRY_ARCHIVE_PREFIX: 'logs',
        LOGFERRY_DEAD_LETTER_PREFIX: 'logs/failed',
      }),
    ).toEqual([
      'LOGFERRY_ARCHIVE_PREFIX and LOGFERRY_DEAD_LETTER_PREFIX must not overlap in the same bucket; received "logs" and "logs/failed"',
    ]);
  });

  it('treats empty values as unset, as Terraform passes them', () => {
    expect(
      loadConfig(
        { LOGFERRY_ELASTICSEARCH_URL: '  ', LOGFERRY_JSON_MODE: '' },
        { purpose: 'replay' },
      ).elasticsearch,
    ).toBeUndefined();
  });
});
