import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { createRuntime } from './create-runtime';
import { ConfigError } from './errors';

const environment = {
  AWS_REGION: 'eu-west-1',
  LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
  LOGFERRY_ARCHIVE_BUCKET: 'logs-archive',
  LOGFERRY_HTTP_URL: 'https://endpoint4.collection.sumologic.com/receiver/v1/http/SECRETTOKEN',
  LOGFERRY_HTTP_PRESET: 'sumo-logic',
};

describe('createRuntime', () => {
  it('builds the configured sinks in delivery order and the dead-letter store, without network calls', () => {
    const runtime = createRuntime(loadConfig(environment), {
      fetch: () => Promise.reject(new Error('no request may be made at cold start')),
    });

    expect(runtime.sinks.map((sink) => sink.name)).toEqual(['elasticsearch', 's3', 'sumo-logic']);
    expect(typeof runtime.deadLetterStore.write).toBe('function');
  });

  it('builds only the sinks that are configured', () => {
    const runtime = createRuntime(
      loadConfig({ AWS_REGION: 'eu-west-1', LOGFERRY_ARCHIVE_BUCKET: 'logs-archive' }),
    );

    expect(runtime.sinks.map((sink) => sink.name)).toEqual(['s3']);
  });

  it("collects every sink's option error into one ConfigError, without secrets", () => {
    let caught: unknown;
    try {
      createRuntime(
        loadConfig({
          ...environment,
          LOGFERRY_INDEX_TEMPLATE: 'cwl-{yyyy}-{bogus}',
          LOGFERRY_HTTP_URL: 'https://intake.example.com/SECRETTOKEN',
          LOGFERRY_HTTP_PRESET: 'datadog',
        }),
      );
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^the Elasticsearch sink \(LOGFERRY_ELASTICSEARCH_\* settings\): .*bogus/,
    );
    expect(problems[1]).toMatch(/^the HTTP sink \(LOGFERRY_HTTP_\* settings\): .*apiKey/);
    expect((caught as ConfigError).message).not.toContain('SECRETTOKEN');
  });
});
