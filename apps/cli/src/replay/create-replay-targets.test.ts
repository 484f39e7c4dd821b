import { inspect } from 'node:util';
import { loadConfig } from '@logferry/kinesis-lambda/config';
import { describe, expect, it, vi } from 'vitest';
import { createReplayTargets } from './create-replay-targets';

/** The Lambda's loader, as `logferry replay` calls it. */
const loadReplayConfig = (settings: Record<string, string>) =>
  loadConfig(settings, { purpose: 'replay' });

const environment = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-secret',
  AWS_SESSION_TOKEN: 'session-token-123',
};

describe('createReplayTargets', () => {
  it('builds the configured destinations, the dead-letter store and the S3 connection', () => {
    const targets = createReplayTargets(
      loadReplayConfig({
        AWS_REGION: 'eu-west-1',
        LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc.eu-west-1.es.amazonaws.com',
        LOGFERRY_HTTP_URL:
          'https://endpoint4.collection.sumologic.com/receiver/v1/http/TOKEN-abc-123',
        LOGFERRY_HTTP_PRESET: 'sumo-logic',
        LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
        LOGFERRY_S3_KMS_KEY_ID: 'alias/logs',
        LOGFERRY_S3_ENDPOINT: 'http://127.0.0.1:9000',
      }),
      { environment },
    );
    // The HTTP sink is named after its preset, as in the Lambda's dead letters.
    expect(targets.sinks.map((sink) => sink.name)).toEqual(['elasticsearch', 'sumo-logic']);
    expect(targets.deadLetterStore).toBeDefined();
    expect(targets.serverSideEncryption).toEqual({ kmsKeyId: 'alias/logs' });
    expect(targets.connection).toMatchObject({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI-secret',
        sessionToken: 'session-token-123',
      },
    });
    const shown = inspect(targets.sinks, { depth: 10 }) + JSON.stringify(targets.sinks);
    expect(shown).not.toContain('TOKEN-abc-123');
    expect(shown).not.toContain('wJalrXUtnFEMI-secret');
  });

  it('keeps only the destinations named by --sink', () => {
    const config = loadReplayConfig({
      LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
      LOGFERRY_ELASTICSEARCH_AUTH: 'none',
      LOGFERRY_HTTP_URL: 'http://127.0.0.1:8080/intake',
    });
    const targets = createReplayTargets(config, { environment: {}, sinkNames: ['http'] });
    expect(targets.sinks.map((sink) => sink.name)).toEqual(['http']);
  });

  it('falls back to the AWS SDK default chain when the environment has no keys', async () => {
    const config = loadReplayConfig({ LOGFERRY_HTTP_URL: 'http://127.0.0.1:8080/intake' });
    const targets = createReplayTargets(config, { environment: {} });
    const credentials = targets.connection.credentials;
    expect(typeof credentials).toBe('function');
    // The chain's first link reads process.env, so stubbing it proves the chain is what signs.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMCHAIN');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-from-the-chain');
    try {
      await expect((credentials as () => Promise<unknown>)()).resolves.toMatchObject({
        accessKeyId: 'AKIDFROMCHAIN',
        secretAccessKey: 'secret-from-the-chain',
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('lists every problem: a --sink that is not configured, no destination, a sink option a package refuses', () => {
    expect(() =>
      createReplayTargets(loadReplayConfig({}), { environment: {}, sinkNames: ['http'] }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-config',
        problems: [
          '--sink http names a destination that is not configured; set LOGFERRY_HTTP_URL (or --http-url)',
          'no destination is configured: set LOGFERRY_ELASTICSEARCH_URL or LOGFERRY_HTTP_URL (as for the Lambda; the S3 archive is where a replay reads from, not a destination)',
        ],
      }),
    );
    expect(() =>
      createReplayTargets(
        loadReplayConfig({
          LOGFERRY_ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
          LOGFERRY_ELASTICSEARCH_AUTH: 'none',
          LOGFERRY_INDEX_TEMPLATE: 'Logs-{nope}',
        }),
        { environment: {} },
      ),
    ).toThrow(/the Elasticsearch sink \(LOGFERRY_ELASTICSEARCH_\* settings\): /);
  });

  it('needs no destination for a dry run', () => {
    expect(
      createReplayTargets(loadReplayConfig({}), { environment: {}, needsSinks: false }).sinks,
    ).toEqual([]);
  });
});
