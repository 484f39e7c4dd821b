import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createS3Sink } from '@logferry/sink-s3';
import {
  createTestRecords,
  type FakeElasticsearch,
  startFakeElasticsearch,
} from '@logferry/sink-testkit';
import { build } from 'tsup';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config';
import type { ReplaySummary } from '../replay/create-replay-summary';
import { type LocalS3, startLocalS3 } from '../replay/test-support/start-local-s3';

// Builds the real bin (into a temporary folder) and interrupts it with a real SIGINT, as Ctrl-C
// would, in the middle of a replay.
const outDir = mkdtempSync(join(tmpdir(), 'logferry-replay-bin-'));
const bin = join(outDir, 'logferry.js');

beforeAll(async () => {
  await build({
    ...(tsupConfig as object),
    entry: { logferry: fileURLToPath(new URL('../logferry.ts', import.meta.url)) },
    outDir,
    sourcemap: false,
    silent: true,
    config: false,
  });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

let s3: LocalS3;
let elasticsearch: FakeElasticsearch;
let directory: string;
beforeEach(async () => {
  s3 = await startLocalS3(['logs']);
  elasticsearch = await startFakeElasticsearch();
  directory = mkdtempSync(join(tmpdir(), 'logferry-replay-sigint-'));
});
afterEach(async () => {
  await elasticsearch.close();
  await s3.close();
  rmSync(directory, { recursive: true, force: true });
});

function startBin(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [bin, 'replay', ...args], {
    stdio: 'pipe',
    env: {
      PATH: process.env.PATH,
      ...s3.environment,
      LOGFERRY_ELASTICSEARCH_URL: elasticsearch.url,
      LOGFERRY_ELASTICSEARCH_AUTH: 'none',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    },
  );
  return { child, done };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('logferry replay (built bin, Ctrl-C)', () => {
  it('stops cleanly on SIGINT, writes the checkpoint, and resumes to exactly once', async () => {
    const records = createTestRecords(40);
    const written = await createS3Sink(s3.connection('logs')).send(records);
    expect(written.outcomes.every((outcome) => outcome.status === 'delivered')).toBe(true);
    // A slow cluster, so the interrupt lands while a batch is in flight.
    elasticsearch.injectFault({ kind: 'delay', ms: 150, times: Number.POSITIVE_INFINITY });
    const checkpointPath = join(directory, 'replay.checkpoint.json');
    const args = [
      '--from',
      's3://logs/archive',
      '--concurrency',
      '1',
      '--checkpoint',
      checkpointPath,
      '--json',
    ];

    const first = startBin(args);
    await waitFor(() => elasticsearch.requestCount() >= 2);
    first.child.kill('SIGINT');
    const interrupted = await first.done;

    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('logferry: interrupted; finishing the requests in flight');
    const summary = JSON.parse(interrupted.stdout) as ReplaySummary;
    expect(summary.outcome).toBe('interrupted');
    const checkpoint = JSON.parse(await readFile(checkpointPath, 'utf8'));
    expect(checkpoint.finished).toBe(false);
    // The batch in flight at the interrupt was finished and recorded: what is stored is exactly
    // the completed objects' events, and no temporary file is left behind.
    expect(checkpoint.completedKeys.length).toBe(summary.objects.completed);
    expect(checkpoint.completedKeys.length).toBeGreaterThanOrEqual(2);
    expect(checkpoint.completedKeys.length).toBeLessThan(10);
    expect(elasticsearch.storedIds()).toHaveLength(4 * checkpoint.completedKeys.length);
    expect(await readdir(directory)).toEqual(['replay.checkpoint.json']);

    elasticsearch.clearFaults();
    const resumed = await startBin(args).done;

    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(elasticsearch.storedIds().sort()).toEqual(records.map((record) => record.id).sort());
    expect(elasticsearch.stats().duplicatesRejected).toBe(0);
  }, 30_000);
});
