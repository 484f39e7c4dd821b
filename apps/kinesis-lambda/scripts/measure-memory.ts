// Child process of the benchmark: runs ONE contender on one batch and reports its peak RSS
// growth. A separate process per measurement keeps the heaps from influencing each other.
// Usage: node --expose-gc measure-memory.mjs <runner> <event.json>
import { readFileSync } from 'node:fs';
import type { KinesisStreamEvent } from 'aws-lambda';
import { createBenchRunners } from '../src/testing/create-bench-runners';

const [runnerName, eventPath] = process.argv.slice(2);
const runners = createBenchRunners();
const runner = runners[runnerName as keyof typeof runners];
if (runner === undefined || eventPath === undefined) {
  process.stderr.write(`usage: measure-memory <${Object.keys(runners).join('|')}> <event.json>\n`);
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
const started = performance.now();
const result = await runner(event);
const durationMs = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({ runner: runnerName, before, peak, growth: peak - before, valid: peak > peakBefore, durationMs, result })}\n`,
);
