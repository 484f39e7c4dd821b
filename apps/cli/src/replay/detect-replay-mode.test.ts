import { loadConfig } from '@logferry/kinesis-lambda/config';
import { describe, expect, it } from 'vitest';
import { detectReplayMode } from './detect-replay-mode';

/** The Lambda's loader, as `logferry replay` calls it. */
const loadReplayConfig = (settings: Record<string, string>) =>
  loadConfig(settings, { purpose: 'replay' });

const config = loadReplayConfig({
  LOGFERRY_ARCHIVE_BUCKET: 'acme-logs',
  LOGFERRY_ARCHIVE_PREFIX: 'logs/all',
  LOGFERRY_DEAD_LETTER_BUCKET: 'acme-failures',
  LOGFERRY_DEAD_LETTER_PREFIX: 'failed',
});
// Any request would fail: these cases must be decided without S3.
const offline = {
  bucket: 'unused',
  region: 'us-east-1',
  fetch: (() => Promise.reject(new Error('no request expected'))) as typeof fetch,
};

describe('detectReplayMode', () => {
  it.each([
    [
      'acme-logs',
      'archive/log_group=%2Fx/dt=2024-06-01/',
      'archive',
      'the prefix has a log_group= partition',
    ],
    [
      'acme-logs',
      'dead-letter/kind=rejected-record/',
      'dead-letters',
      'the prefix has a kind= partition',
    ],
    ['acme-failures', 'failed', 'dead-letters', 'it is the configured dead-letter location'],
    ['acme-failures', 'failed/', 'dead-letters', 'it is the configured dead-letter location'],
    ['acme-logs', 'logs/all', 'archive', 'it is the configured archive location'],
    ['elsewhere', 'x/dead-letter', 'dead-letters', 'the prefix ends in dead-letter'],
    ['elsewhere', 'archive/', 'archive', 'the prefix ends in archive'],
  ])('reads s3://%s/%s as %s without S3 (%s)', async (bucket, prefix, mode, evidence) => {
    expect(
      await detectReplayMode({ source: { bucket, prefix }, config, connection: offline }),
    ).toEqual({
      mode,
      evidence,
    });
  });

  it('asks S3 when the prefix says nothing, and explains an S3 failure', async () => {
    await expect(
      detectReplayMode({
        source: { bucket: 'elsewhere', prefix: 'misc' },
        config,
        connection: {
          ...offline,
          bucket: 'elsewhere',
          credentials: { accessKeyId: 'A', secretAccessKey: 'B' },
        },
      }),
    ).rejects.toMatchObject({
      name: 'ReplayError',
      code: 'source-failed',
      message: expect.stringMatching(
        /^Cannot look at s3:\/\/elsewhere\/misc to tell an archive from a dead-letter store: .*no request expected.*; pass --archive or --dead-letters$/,
      ),
    });
  });
});
