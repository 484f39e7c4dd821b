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
// on a typical batch and on one near Lambda's 6 MB payload limit, plus peak RSS growth. Every
// contender runs in its own fresh child process (scripts/measure-contender.ts), several rounds in
// a shuffled order; each round's ratios use the floor measured in that round. Timings on this
// machine are noisy: read the ratios, and their spread over the rounds.

const run = promisify(execFile);
const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runners = createBenchRunners();
const names = Object.keys(runners) as (keyof typeof runners)[];
const batches: Record<'typical' | 'large', RealisticBatch> = {
  typical: buildRealisticBatch('typical'),
  large: buildRealisticBatch('large'),
};
const plans = {
  typical: { rounds: 5, timedRuns: 7 },
  large: { rounds: 4, timedRuns: 5 },
} as const;

interface ContenderMeasurement {
  readonly growth: number;
  readonly valid: boolean;
  readonly durationsMs: readonly number[];
}

function describeBatch(batch: RealisticBatch): string {
  return `${batch.records} records × ${Math.round(batch.events / batch.records)} events (${batch.events} events, payload ${(batch.payloadBytes / 1e6).toFixed(2)} MB, messages ${(batch.messageBytes / 1e6).toFixed(1)} MB)`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function shuffle<Value>(values: readonly Value[]): Value[] {
  const shuffled = [...values];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as Value, shuffled[index] as Value];
  }
  return shuffled;
}

async function buildChildScript(): Promise<string> {
  // Not in dist/, which the cold-start bench rebuilds (and empties) meanwhile; inside the package,
  // so the bundle's bare imports still resolve from its node_modules.
  const script = join(
    packageDirectory,
    'node_modules',
    '.cache',
    'logferry-bench',
    'measure-contender.mjs',
  );
  await build({
    absWorkingDir: packageDirectory,
    entryPoints: ['scripts/measure-contender.ts'],
    outfile: script,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  return script;
}

async function measureContender(
  script: string,
  name: string,
  eventPath: string,
  timedRuns: number,
): Promise<ContenderMeasurement> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', script, name, eventPath, String(timedRuns)],
    { cwd: packageDirectory, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ContenderMeasurement;
}

function formatRange(values: readonly number[], digits: number): string {
  const low = Math.min(...values).toFixed(digits);
  const high = Math.max(...values).toFixed(digits);
  return low === high ? low : `${low}–${high}`;
}

const report: string[] = [];
const directory = await mkdtemp(join(tmpdir(), 'logferry-bench-'));
try {
  const script = await buildChildScript();
  for (const kind of ['typical', 'large'] as const) {
    const batch = batches[kind];
    const { rounds, timedRuns } = plans[kind];
    const eventPath = join(directory, `${kind}.json`);
    await writeFile(eventPath, JSON.stringify(batch.event));
    const ratios: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    const medians: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    const growths: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    const growthRatios: Record<string, number[]> = Object.fromEntries(
      names.map((name) => [name, []]),
    );
    for (let round = 0; round < rounds; round += 1) {
      const measured: Record<string, ContenderMeasurement> = {};
      for (const name of shuffle(names)) {
        measured[name] = await measureContender(script, name, eventPath, timedRuns);
      }
      const floor = measured.floor as ContenderMeasurement;
      for (const name of names) {
        const contender = measured[name] as ContenderMeasurement;
        medians[name]?.push(median(contender.durationsMs));
        ratios[name]?.push(median(contender.durationsMs) / median(floor.durationsMs));
        if (contender.valid && floor.valid) {
          growths[name]?.push(contender.growth / 1e6);
          growthRatios[name]?.push(contender.growth / floor.growth);
        }
      }
    }
    report.push(`\n${kind} batch: ${describeBatch(batch)}`);
    report.push(
      `${rounds} rounds × ${timedRuns} timed runs per contender; ratios per round against that round's floor`,
    );
    report.push(
      '| contender | median ms | × floor (median of rounds) | × floor (range) | peak RSS growth MB | × floor (median) |',
    );
    report.push('| --- | --- | --- | --- | --- | --- |');
    for (const name of names) {
      const growth = growths[name] ?? [];
      report.push(
        `| ${name} | ${median(medians[name] ?? []).toFixed(1)} | ${median(ratios[name] ?? []).toFixed(2)} | ${formatRange(ratios[name] ?? [], 2)} | ${growth.length === 0 ? 'no new peak' : formatRange(growth, 1)} | ${growth.length === 0 ? '?' : median(growthRatios[name] ?? []).toFixed(2)} |`,
      );
    }
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}
console.log(
  `\nlogferry Lambda handler benchmark (each contender in its own process; ratios against the floor measured in the same round)${report.join('\n')}\n`,
);

describe(`in one shared process, typical batch: ${describeBatch(batches.typical)}`, () => {
  afterAll(() => {});
  for (const name of ['floor', 'handler', 'handler-uncompressed'] as const) {
    bench(
      name,
      async () => {
        await (runners[name] as BenchRunner)(batches.typical.event);
      },
      { iterations: 5, time: 0 },
    );
  }
});
