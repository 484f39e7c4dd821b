import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, bench, describe } from 'vitest';
import { buildRealisticBatch, type RealisticBatch } from './testing/build-realistic-batch';
import { type BenchRunner, createBenchRunners } from './testing/create-bench-runners';

// Handler time vs a bare floor (base64 + gunzip + JSON.parse + minimal NDJSON), network excluded,
// on a typical batch and on one near Lambda's 6 MB payload limit; plus peak RSS growth measured in
// one child process per contender. Timings on this machine are noisy: read the ratios.

const run = promisify(execFile);
const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runners = createBenchRunners();
const names = Object.keys(runners) as (keyof typeof runners)[];
const batches: Record<'typical' | 'large', RealisticBatch> = {
  typical: buildRealisticBatch('typical'),
  large: buildRealisticBatch('large'),
};

function describeBatch(batch: RealisticBatch): string {
  return `${batch.records} records × ${Math.round(batch.events / batch.records)} events (${batch.events} events, payload ${(batch.payloadBytes / 1e6).toFixed(2)} MB, messages ${(batch.messageBytes / 1e6).toFixed(1)} MB)`;
}

/** Runs every contender in turn, `rounds` times, and returns each one's median in ms. */
async function measureInterleaved(
  batch: RealisticBatch,
  rounds: number,
): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) await (runners[name] as BenchRunner)(batch.event); // warm-up
  for (let round = 0; round < rounds; round += 1) {
    for (const name of names) {
      const started = performance.now();
      await (runners[name] as BenchRunner)(batch.event);
      samples[name]?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = [...(samples[name] ?? [])].sort((first, second) => first - second);
      return [name, sorted[Math.floor(sorted.length / 2)] ?? Number.NaN];
    }),
  );
}

async function measureMemory(
  batch: RealisticBatch,
): Promise<Record<string, { growth: number; valid: boolean }>> {
  const directory = await mkdtemp(join(tmpdir(), 'logferry-bench-'));
  try {
    const script = join(packageDirectory, 'dist', 'measure-memory.mjs');
    await build({
      absWorkingDir: packageDirectory,
      entryPoints: ['scripts/measure-memory.ts'],
      outfile: script,
      bundle: true,
      packages: 'external',
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
    });
    const eventPath = join(directory, 'event.json');
    await writeFile(eventPath, JSON.stringify(batch.event));
    const results: Record<string, { growth: number; valid: boolean }> = {};
    for (const name of names) {
      const { stdout } = await run(process.execPath, ['--expose-gc', script, name, eventPath], {
        cwd: packageDirectory,
        maxBuffer: 1024 * 1024,
      });
      const measured = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
        growth: number;
        valid: boolean;
      };
      results[name] = measured;
    }
    return results;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const report: string[] = [];
for (const kind of ['typical', 'large'] as const) {
  const batch = batches[kind];
  const timings = await measureInterleaved(batch, kind === 'typical' ? 9 : 5);
  const memory = await measureMemory(batch);
  const floor = timings.floor as number;
  const floorMemory = memory.floor?.growth ?? Number.NaN;
  report.push(`\n${kind} batch: ${describeBatch(batch)}`);
  report.push('| contender | median ms | × floor | peak RSS growth MB | × floor |');
  report.push('| --- | --- | --- | --- | --- |');
  for (const name of names) {
    const growth = memory[name];
    report.push(
      `| ${name} | ${(timings[name] as number).toFixed(1)} | ${((timings[name] as number) / floor).toFixed(2)} | ${growth === undefined ? '?' : `${(growth.growth / 1e6).toFixed(1)}${growth.valid ? '' : ' (no new peak)'}`} | ${growth === undefined ? '?' : (growth.growth / floorMemory).toFixed(2)} |`,
    );
  }
}
console.log(
  `\nlogferry Lambda handler benchmark (ratios against the floor measured in the same run)${report.join('\n')}\n`,
);

describe(`typical batch: ${describeBatch(batches.typical)}`, () => {
  afterAll(() => {});
  for (const name of names) {
    bench(
      name,
      async () => {
        await (runners[name] as BenchRunner)(batches.typical.event);
      },
      { iterations: 5, time: 0 },
    );
  }
});
