// Child process of the benchmark: runs ONE contender on one batch and reports its peak RSS growth
// and its run times. One fresh process per contender keeps their heaps apart: in a shared process,
// the garbage one contender leaves behind is collected — and timed — during the next one's run.
// Usage: node --expose-gc measure-contender.mjs <runner> <event.json> <timed runs>
import { readFileSync } from 'node:fs';
import type { KinesisStreamEvent } from 'aws-lambda';
import { createBenchRunners } from '../src/testing/create-bench-runners';

const [runnerName, eventPath, timedRunsText = '7'] = process.argv.slice(2);
const runners = createBenchRunners();
const runner = runners[runnerName as keyof typeof runners];
const timedRuns = Number(timedRunsText);
if (runner === undefined || eventPath === undefined || !Number.isInteger(timedRuns)) {
  process.stderr.write(
    `usage: measure-contender <${Object.keys(runners).join('|')}> <event.json> <timed runs>\n`,
  );
  process.exit(2);
}
const event = JSON.parse(readFileSync(eventPath, 'utf8')) as KinesisStreamEvent;
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with --expose-gc');
// Warm up on two records (compiles the code paths) without setting a high memory peak.
await runner({ Records: event.Records.slice(0, 2) });
collect();
collect();
// maxRSS is the process's lifetime peak: the growth is valid only when the run set a new peak
// (above what reading and parsing the event needed), which `valid` reports.
const before = process.memoryUsage().rss;
const peakBefore = process.resourceUsage().maxRSS * 1024;
const result = await runner(event);
const peak = process.resourceUsage().maxRSS * 1024;
// Timing: two more warm-up runs on the whole batch, then each timed run from a collected heap, so
// that no run pays for the garbage of the one before.
await runner(event);
await runner(event);
const durationsMs: number[] = [];
for (let run = 0; run < timedRuns; run += 1) {
  collect();
  const started = performance.now();
  await runner(event);
  durationsMs.push(performance.now() - started);
}
process.stdout.write(
  `${JSON.stringify({ runner: runnerName, before, peak, growth: peak - before, valid: peak > peakBefore, durationsMs, result })}\n`,
);
