import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCheckpointWriter } from './create-checkpoint-writer';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'logferry-checkpoint-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const at = Date.UTC(2024, 5, 1, 12);

describe('createCheckpointWriter', () => {
  it('writes the sorted completed keys, the source and whether the run finished', async () => {
    const path = join(directory, 'replay.json');
    const writer = createCheckpointWriter({
      path,
      source: 's3://logs/archive',
      mode: 'archive',
      completedKeys: new Set(['archive/b']),
      now: () => at,
    });
    writer.add('archive/c');
    writer.add('archive/a');
    await writer.close({ finished: true });

    expect(await readFile(path, 'utf8')).toBe(
      '{\n "version": 1,\n "source": "s3://logs/archive",\n "mode": "archive",\n "finished": true,\n "updatedAt": "2024-06-01T12:00:00.000Z",\n "completedKeys": [\n  "archive/a",\n  "archive/b",\n  "archive/c"\n ]\n}\n',
    );
    expect(await readdir(directory)).toEqual(['replay.json']);
  });

  it('writes within the interval after a key is added, without waiting for close', async () => {
    const path = join(directory, 'replay.json');
    const writer = createCheckpointWriter({
      path,
      source: 's3://logs/archive',
      mode: 'archive',
      completedKeys: new Set(),
      intervalMs: 5,
    });
    writer.add('archive/a');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(await readFile(path, 'utf8')).completedKeys).toEqual(['archive/a']);
    await writer.close({ finished: false });
  });

  it('leaves a complete file at every moment: concurrent readers never see a partial write', async () => {
    const path = join(directory, 'replay.json');
    const writer = createCheckpointWriter({
      path,
      source: 's3://logs/archive',
      mode: 'archive',
      completedKeys: new Set(),
      intervalMs: 0,
    });
    await writer.flush();
    let reads = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const checkpoint = JSON.parse(await readFile(path, 'utf8'));
        expect(checkpoint.version).toBe(1);
        reads += 1;
      }
    })();
    for (let index = 0; index < 300; index += 1) {
      writer.add(`archive/${'x'.repeat(200)}-${index}`);
      if (index % 10 === 0) await writer.flush();
    }
    await writer.close({ finished: true });
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(path, 'utf8')).completedKeys).toHaveLength(300);
  });

  it('reports a checkpoint that cannot be written, and leaves no temporary file', async () => {
    const path = join(directory, 'missing-directory', 'replay.json');
    const writer = createCheckpointWriter({
      path,
      source: 's3://logs/archive',
      mode: 'archive',
      completedKeys: new Set(),
    });
    await expect(writer.flush()).rejects.toMatchObject({
      name: 'ReplayError',
      code: 'checkpoint-failed',
      message: expect.stringMatching(
        /^Cannot write the checkpoint file .*missing-directory\/replay\.json: ENOENT/,
      ),
    });
    expect(writer.failure?.code).toBe('checkpoint-failed');
    // Later writes are not attempted: the first failure stops the run.
    writer.add('archive/a');
    await expect(writer.close({ finished: false })).rejects.toBe(writer.failure);
    expect(await readdir(directory)).toEqual([]);
  });
});
