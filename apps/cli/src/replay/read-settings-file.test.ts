import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettingsFile } from './read-settings-file';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'logferry-settings-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function write(content: string): Promise<string> {
  const path = join(directory, 'replay.json');
  await writeFile(path, content);
  return path;
}

describe('readSettingsFile', () => {
  it('reads LOGFERRY_* settings and AWS_REGION, numbers and booleans as text', async () => {
    const path = await write(
      '{"LOGFERRY_ELASTICSEARCH_URL":"https://logs.example.com","LOGFERRY_BULK_MAX_BYTES":1048576,"AWS_REGION":"eu-west-1","LOGFERRY_DATA_STREAM":null}',
    );
    expect(await readSettingsFile(path)).toEqual({
      LOGFERRY_ELASTICSEARCH_URL: 'https://logs.example.com',
      LOGFERRY_BULK_MAX_BYTES: '1048576',
      AWS_REGION: 'eu-west-1',
    });
  });

  it('refuses keys that are not settings and values that are not text, without echoing them', async () => {
    const path = await write(
      '{"AWS_SECRET_ACCESS_KEY":"wJalr-very-secret","LOGFERRY_ELASTICSEARCH_PASSWORD":{"value":"hunter2"}}',
    );
    const failure = await readSettingsFile(path).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'invalid-config',
      problems: [
        '"AWS_SECRET_ACCESS_KEY" is not a setting: the file takes LOGFERRY_* settings and AWS_REGION (credentials come from the AWS environment)',
        'LOGFERRY_ELASTICSEARCH_PASSWORD must be a string; received a object',
      ],
    });
    expect(String((failure as Error).message)).not.toContain('hunter2');
    expect(String((failure as Error).message)).not.toContain('wJalr');
  });

  it('refuses a file that is missing, not JSON, or not an object', async () => {
    await expect(readSettingsFile(join(directory, 'missing.json'))).rejects.toMatchObject({
      code: 'invalid-config',
      message: expect.stringContaining('Cannot read the --config file'),
    });
    await expect(readSettingsFile(await write('LOGFERRY_X=1'))).rejects.toMatchObject({
      message: expect.stringContaining('is not JSON'),
    });
    await expect(readSettingsFile(await write('["LOGFERRY_X"]'))).rejects.toMatchObject({
      message: expect.stringContaining('must hold one JSON object of settings'),
    });
  });
});
