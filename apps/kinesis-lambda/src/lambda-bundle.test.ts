import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambda, type LambdaBuildResult } from '../scripts/build.mjs';

const run = promisify(execFile);

describe('the Lambda build (scripts/build.mjs)', () => {
  const directories: string[] = [];
  let first: LambdaBuildResult;
  let second: LambdaBuildResult;

  beforeAll(async () => {
    for (let index = 0; index < 2; index += 1) {
      directories.push(await mkdtemp(join(tmpdir(), 'logferry-lambda-build-')));
    }
    first = await buildLambda({ outDirectory: directories[0] });
    second = await buildLambda({ outDirectory: directories[1] });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      directories.map((directory) => rm(directory, { recursive: true, force: true })),
    );
  });

  it('produces byte-identical zips when built twice (same sha256)', async () => {
    const [firstZip, secondZip] = await Promise.all([
      readFile(first.zipPath),
      readFile(second.zipPath),
    ]);
    expect(createHash('sha256').update(firstZip).digest('hex')).toBe(first.zipSha256);
    expect(second.zipSha256).toBe(first.zipSha256);
    expect(Buffer.compare(firstZip, secondZip)).toBe(0);
  });

  it('zips exactly index.mjs, world-readable, with a fixed timestamp', async () => {
    const zip = await readFile(first.zipPath);
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual(['index.mjs']);
    expect(
      Buffer.compare(
        Buffer.from(entries['index.mjs'] as Uint8Array),
        await readFile(first.bundlePath),
      ),
    ).toBe(0);

    // Central directory header: "PK\x01\x02", version made by (high byte = OS), …, time, date, …
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip[central + 5]).toBe(3); // made on Unix, so the mode bits below are honoured
    expect(zip.readUInt16LE(central + 12)).toBe(0); // 00:00:00
    expect(zip.readUInt16LE(central + 14)).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
    expect(zip.readUInt32LE(central + 38) >>> 16).toBe(0o100644);
  });

  it('bundles no AWS SDK module and imports nothing at run time but Node built-ins', async () => {
    expect(first.inputs.length).toBeGreaterThan(20);
    expect(
      first.inputs.filter((input) => /node_modules\/(?:\.pnpm\/)?@aws-sdk[/+]/.test(input)),
    ).toEqual([]);
    const builtins = new Set(builtinModules);
    expect(
      first.imports.filter((specifier) => !builtins.has(specifier.replace(/^node:/, ''))),
    ).toEqual([]);
    // Belt and braces on the bytes: no import/require of an @aws-sdk module survived minification.
    const bundle = await readFile(first.bundlePath, 'utf8');
    expect(bundle).not.toMatch(/(?:from|import|require)\s*\(?\s*["']@aws-sdk\//);
  });

  it('loads in a plain Node process and exports the handler function', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(first.bundlePath)}); console.log(typeof m.handler);`,
      ],
      { env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 },
    );
    // Without configuration the cold start logs one ConfigError line; the module still loads.
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('function');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'ERROR',
      error: {
        name: 'ConfigError',
        problems: expect.arrayContaining([expect.stringMatching(/^no sink is configured/)]),
      },
    });
  });
});
