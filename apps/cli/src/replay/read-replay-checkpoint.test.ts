import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReplayCheckpoint } from './read-replay-checkpoint';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'logferry-checkpoint-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const expected = { source: 's3://logs/archive', mode: 'archive' } as const;

describe('readReplayCheckpoint', () => {
  it('reads the completed keys, and treats a missing file as an empty checkpoint', async () => {
    const path = join(directory, 'replay.json');
    expect(await readReplayCheckpoint(path, expected)).toEqual(new Set());
    await writeFile(
      path,
      JSON.stringify({
        version: 1,
        ...expected,
        finished: false,
        updatedAt: '',
        completedKeys: ['a', 'b'],
      }),
    );
    expect(await readReplayCheckpoint(path, expected)).toEqual(new Set(['a', 'b']));
  });

  it('refuses a checkpoint of another source or mode', async () => {
    const path = join(directory, 'replay.json');
    await writeFile(
      path,
      JSON.stringify({
        version: 1,
        source: 's3://logs/dead-letter',
        mode: 'dead-letters',
        completedKeys: [],
      }),
    );
    await expect(readReplayCheckpoint(path, expected)).rejects.toMatchObject({
      code: 'invalid-checkpoint',
      message: `The checkpoint file ${path} belongs to the dead-letters replay of "s3://logs/dead-letter", not to the archive replay of "s3://logs/archive"; use another --checkpoint file, or delete this one to start over`,
    });
  });

  it('refuses files that are not checkpoints', async () => {
    const path = join(directory, 'replay.json');
    await writeFile(path, '{"version":1,"completedKeys":"all"}');
    await expect(readReplayCheckpoint(path, expected)).rejects.toMatchObject({
      code: 'invalid-checkpoint',
      message: `The checkpoint file ${path} is not a logferry replay checkpoint (version 1 with a "completedKeys" array of strings); received {"version":1,"completedKeys":"all"}`,
    });
    await writeFile(path, 'not json');
    await expect(readReplayCheckpoint(path, expected)).rejects.toMatchObject({
      code: 'invalid-checkpoint',
      message: expect.stringContaining('is not JSON'),
    });
  });
});
