import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isReplayError } from './errors';
import { loadReplayConfig } from './load-replay-config';

function problemsOf(settings: Record<string, string>): readonly string[] {
  try {
    loadReplayConfig(settings);
  } catch (error) {
    if (isReplayError(error)) return error.problems;
    throw error;
  }
  return [];
}

describe('loadReplayConfig', () => {
  it('reads the Elasticsearch destination as the Lambda does, inferring SigV4 region and service', () => {
    const config = loadReplayConfig({
      AWS_REGION: 'us-east-1',
      LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
      LOGFERRY_INDEX_TEMPLATE: 'cwl-{logGroup}-{yyyy.MM.dd}',
      LOGFERRY_JSON_MODE: 'root',
      LOGFERRY_BULK_MAX_BYTES: '1048576',
    });
    expect(config.elasticsearch).toEqual({
      url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
      auth: { kind: 'aws-sigv4', service: 'es', region: 'eu-west-1' },
      indexTemplate: 'cwl-{logGroup}-{yyyy.MM.dd}',
      dataStream: undefined,
      jsonMode: 'root',
      bulkMaxBytes: 1048576,
      documentIds: 'event-id',
    });
    expect(config.region).toBe('us-east-1');
  });

  it('needs no sink and no dead-letter bucket, and takes AWS_DEFAULT_REGION', () => {
    expect(loadReplayConfig({ AWS_DEFAULT_REGION: 'eu-central-1' })).toEqual({
      region: 'eu-central-1',
      elasticsearch: undefined,
      http: undefined,
      archive: undefined,
      deadLetter: undefined,
      kmsKeyId: undefined,
      s3Endpoint: undefined,
      retryBudgetMs: undefined,
    });
  });

  it('defaults the dead-letter bucket to the archive bucket, as the Lambda does', () => {
    const config = loadReplayConfig({
      LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
      LOGFERRY_ARCHIVE_PREFIX: 'logs/archive/',
      LOGFERRY_S3_KMS_KEY_ID: 'alias/logs',
      LOGFERRY_S3_ENDPOINT: 'http://127.0.0.1:9000',
    });
    expect(config.archive).toEqual({ bucket: 'acme-logs', prefix: 'logs/archive' });
    expect(config.deadLetter).toEqual({ bucket: 'acme-logs', prefix: 'dead-letter' });
    expect(config.kmsKeyId).toBe('alias/logs');
    expect(config.s3Endpoint).toBe('http://127.0.0.1:9000');
  });

  it('keeps secrets out of inspect and JSON output', () => {
    const config = loadReplayConfig({
      LOGFERRY_ELASTICSEARCH_URL: 'https://logs.example.com',
      LOGFERRY_ELASTICSEARCH_AUTH: 'basic',
      LOGFERRY_ELASTICSEARCH_USERNAME: 'elastic',
      LOGFERRY_ELASTICSEARCH_PASSWORD: 'hunter2-Pa55word',
      LOGFERRY_HTTP_URL:
        'https://endpoint4.collection.sumologic.com/receiver/v1/http/SECRET-TOKEN-123',
      LOGFERRY_HTTP_PRESET: 'sumo-logic',
    });
    const shown = `${inspect(config, { depth: 10 })}${JSON.stringify(config)}`;
    expect(shown).not.toContain('hunter2-Pa55word');
    expect(shown).not.toContain('SECRET-TOKEN-123');
    expect(config.http?.url.reveal()).toContain('SECRET-TOKEN-123');
  });

  it('lists every problem at once, naming the setting and what was received, never a secret', () => {
    expect(
      problemsOf({
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
      problemsOf({
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
      problemsOf({
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
      loadReplayConfig({ LOGFERRY_ELASTICSEARCH_URL: '  ', LOGFERRY_JSON_MODE: '' }).elasticsearch,
    ).toBeUndefined();
  });
});
