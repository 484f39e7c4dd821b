import { encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { startFakeElasticsearch } from '@logferry/sink-testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDataMessage } from './testing/build-data-message';
import { buildKinesisEvent } from './testing/build-kinesis-event';
import { readLocalBucket } from './testing/read-local-bucket';
import { startS3rver } from './testing/start-s3rver';

const context = { awsRequestId: 'request-1', getRemainingTimeInMillis: () => 30_000 };

/** Imports a fresh copy of the module, so its cold start runs with the stubbed environment. */
async function coldStart(environment: Record<string, string>) {
  vi.resetModules();
  // Only the variables given here: a developer's own LOGFERRY_* settings must not leak in.
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('LOGFERRY_') || name.startsWith('AWS_')) vi.stubEnv(name, undefined);
  }
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  const writes: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    writes.push(String(chunk));
    return true;
  });
  try {
    const module = await import('./handler');
    return { handler: module.handler, writes, spy };
  } catch (error) {
    spy.mockRestore();
    throw error;
  }
}

describe('handler (the Lambda entry point)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('logs an invalid configuration once at cold start and fails every invocation with it', async () => {
    const { handler, writes, spy } = await coldStart({ LOGFERRY_ELASTICSEARCH_AUTH: 'sigv5' });
    const event = buildKinesisEvent([]);

    const first = await handler(event, context).catch((error: unknown) => error);
    const second = await handler(event, context).catch((error: unknown) => error);
    spy.mockRestore();

    // A fresh module graph has its own ConfigError class: compare by name and code.
    expect(first).toMatchObject({ name: 'ConfigError', code: 'invalid-config' });
    expect(second).toBe(first);
    expect(writes).toHaveLength(1);
    expect(JSON.parse(writes[0] as string)).toMatchObject({
      level: 'ERROR',
      message: 'logferry could not start: every invocation fails until this is fixed',
      error: {
        name: 'ConfigError',
        problems: [
          'LOGFERRY_ELASTICSEARCH_AUTH is set but LOGFERRY_ELASTICSEARCH_URL is not; set the URL to enable the search sink',
          'no sink is configured: set at least one of LOGFERRY_ELASTICSEARCH_URL, LOGFERRY_ARCHIVE_BUCKET or LOGFERRY_HTTP_URL',
          'a dead-letter bucket is required so that permanently rejected and undecodable records are kept instead of blocking the shard: set LOGFERRY_DEAD_LETTER_BUCKET (it defaults to LOGFERRY_ARCHIVE_BUCKET)',
        ],
      },
    });
  });

  it('delivers with the configuration from the environment, read once at cold start', async () => {
    const elasticsearch = await startFakeElasticsearch();
    const s3 = await startS3rver(['handler-test']);
    try {
      const { handler, writes, spy } = await coldStart({
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        AWS_LAMBDA_FUNCTION_NAME: 'logferry-test',
        LOGFERRY_ELASTICSEARCH_URL: elasticsearch.url,
        LOGFERRY_ELASTICSEARCH_AUTH: 'none',
        LOGFERRY_ARCHIVE_BUCKET: 'handler-test',
        LOGFERRY_S3_ENDPOINT: s3.endpoint,
      });
      // Changing the environment after the cold start changes nothing.
      vi.stubEnv('LOGFERRY_ELASTICSEARCH_URL', 'http://127.0.0.1:9');
      const event = buildKinesisEvent([
        {
          data: encodeSubscriptionMessage(
            buildDataMessage('foo', ['e1', 'e2'], { message: () => 'ilikecats' }),
          ),
        },
      ]);

      const response = await handler(event, context);
      spy.mockRestore();

      expect(response).toEqual({ batchItemFailures: [] });
      expect(elasticsearch.storedIds().sort()).toEqual(['e1', 'e2']);
      const bucket = await readLocalBucket(s3, 'handler-test', {
        archive: 'archive',
        deadLetter: 'dead-letter',
      });
      expect(bucket.archived.map((record) => record.id).sort()).toEqual(['e1', 'e2']);
      expect(writes).toHaveLength(1);
      expect(JSON.parse(writes[0] as string)).toMatchObject({
        FunctionName: 'logferry-test',
        Delivered: 4,
      });
    } finally {
      await elasticsearch.close();
      await s3.close();
    }
  });
});
