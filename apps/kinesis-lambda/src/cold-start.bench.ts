import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, bench, describe } from 'vitest';
import { buildLambda } from '../scripts/build.mjs';

// Cold start of the bundle: a fresh `node` importing dist/index.mjs with a valid configuration
// (the module builds its config and sinks at import; nothing touches the network), against a
// fresh `node` that imports nothing, in the same run.

const run = promisify(execFile);
const directory = await mkdtemp(join(tmpdir(), 'logferry-cold-start-'));
const built = await buildLambda({ outDirectory: directory });
const environment = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'logferry',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/logferry',
  LOGFERRY_ELASTICSEARCH_URL: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
  LOGFERRY_ARCHIVE_BUCKET: 'logferry-archive',
};
const importBundle = `const started = performance.now(); const module = await import(${JSON.stringify(built.bundlePath)}); if (typeof module.handler !== 'function') process.exit(1); console.log(performance.now() - started);`;

async function spawnNode(script: string): Promise<{ wallMs: number; importMs: number }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: environment,
  });
  return { wallMs: performance.now() - started, importMs: Number(stdout.trim() || 0) };
}

const median = (values: readonly number[]) =>
  [...values].sort((first, second) => first - second)[Math.floor(values.length / 2)] ?? Number.NaN;

const baseline: number[] = [];
const withBundle: number[] = [];
const importOnly: number[] = [];
for (let round = 0; round < 11; round += 1) {
  baseline.push((await spawnNode('console.log(0)')).wallMs);
  const measured = await spawnNode(importBundle);
  withBundle.push(measured.wallMs);
  importOnly.push(measured.importMs);
}
console.log(
  [
    '',
    `Lambda bundle: dist/index.mjs ${(built.bundleBytes / 1024).toFixed(1)} KiB, dist/lambda.zip ${(built.zipBytes / 1024).toFixed(1)} KiB`,
    `cold start (median of ${baseline.length} fresh node processes): import of the bundle ${median(importOnly).toFixed(1)} ms (config + sinks built at import);`,
    `process wall time ${median(withBundle).toFixed(0)} ms vs ${median(baseline).toFixed(0)} ms for an empty node process (${(median(withBundle) / median(baseline)).toFixed(2)}×)`,
    '',
  ].join('\n'),
);

describe('cold start', () => {
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  bench(
    'fresh node importing the bundle',
    async () => {
      await spawnNode(importBundle);
    },
    { iterations: 5, time: 0 },
  );
  bench(
    'fresh empty node (baseline)',
    async () => {
      await spawnNode('console.log(0)');
    },
    { iterations: 5, time: 0 },
  );
});
