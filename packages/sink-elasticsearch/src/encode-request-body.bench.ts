import {
  type BulkChunk,
  createDocumentMapper,
  encodeBulkChunks,
} from '@logferry/elasticsearch-bulk';
import type { SinkRecord } from '@logferry/sink';
import { bench, describe } from 'vitest';
import { createRealisticRecords } from './__tests__/create-realistic-records';
import { encodeRequestBody } from './encode-request-body';

const MAX_BYTES = 5 * 1024 * 1024;
const records = createRealisticRecords(20_000);

/** The sink's own work before compression: records → documents → one 5 MiB NDJSON chunk. */
function encodeFirstChunk(batch: readonly SinkRecord[]): BulkChunk {
  const mapper = createDocumentMapper<SinkRecord>();
  for (const result of encodeBulkChunks(batch, {
    encode: mapper.encodeOperation,
    maxBytes: MAX_BYTES,
  })) {
    if (result.kind === 'chunk') return result;
  }
  throw new Error('the benchmark batch produced no chunk');
}

const chunk = encodeFirstChunk(records);
const inputMiB = chunk.byteLength / (1024 * 1024);

interface Scenario {
  readonly name: string;
  readonly run: () => Promise<number>;
}

const scenarios: readonly Scenario[] = [
  {
    name: 'baseline: encode records into the chunk',
    run: async () => encodeFirstChunk(records).byteLength,
  },
  {
    name: "compression: 'none' (UTF-8 bytes)",
    run: async () => (await encodeRequestBody(chunk.body, 'none', 1)).bytes.byteLength,
  },
  ...[1, 2, 3, 4, 6, 9].map((level) => ({
    name: `compression: 'gzip', gzipLevel ${level}`,
    run: async () => (await encodeRequestBody(chunk.body, 'gzip', level)).bytes.byteLength,
  })),
];

let checksum = 0;

/**
 * Interleaved rounds (every scenario once per round; 5 warm-up rounds, then 15 measured), so the
 * per-round ratio to the baseline is steady on a shared, noisy machine. Prints the median ms,
 * the median ratio, the wire bytes, and the link speed below which compressing pays for itself
 * (saved bits ÷ extra CPU seconds over `compression: 'none'`).
 */
async function printMeasurements(): Promise<void> {
  const samples = new Map(scenarios.map((scenario) => [scenario.name, [] as number[]]));
  const wireBytes = new Map<string, number>();
  for (let round = 0; round < 20; round += 1) {
    for (const scenario of scenarios) {
      const started = performance.now();
      const bytes = await scenario.run();
      const elapsed = performance.now() - started;
      checksum += bytes;
      wireBytes.set(scenario.name, bytes);
      if (round >= 5) samples.get(scenario.name)!.push(elapsed);
    }
  }
  const median = (values: readonly number[]) =>
    [...values].sort((left, right) => left - right)[values.length >> 1]!;
  const baseline = scenarios[0]!.name;
  const plain = scenarios[1]!.name;
  const ratio = (name: string) =>
    median(samples.get(name)!.map((value, round) => value / samples.get(baseline)![round]!));
  const plainMs = median(samples.get(plain)!);
  const plainBytes = wireBytes.get(plain)!;
  const lines = [
    `\n${chunk.operations.length.toLocaleString('en')} realistic documents, ${inputMiB.toFixed(2)} MiB of NDJSON; median of 15 interleaved rounds:`,
    '  scenario                                   ms   vs baseline   wire bytes   smaller   CPU ms/MiB   pays off below',
  ];
  for (const scenario of scenarios) {
    const ms = median(samples.get(scenario.name)!);
    const bytes = wireBytes.get(scenario.name)!;
    const isGzip = scenario.name.includes('gzip');
    const extraSeconds = (ms - plainMs) / 1000;
    const breakEven =
      isGzip && extraSeconds > 0 ? ((plainBytes - bytes) * 8) / extraSeconds / 1e6 : undefined;
    lines.push(
      `  ${scenario.name.padEnd(40)} ${ms.toFixed(1).padStart(6)}   ${ratio(scenario.name).toFixed(2).padStart(6)}x   ${String(bytes).padStart(10)}   ${isGzip ? `${(plainBytes / bytes).toFixed(1)}x`.padStart(7) : '      -'}   ${isGzip ? ((ms - plainMs) / inputMiB).toFixed(1).padStart(10) : '         -'}   ${breakEven === undefined ? '-' : `${Math.round(breakEven)} Mbit/s`}`,
    );
  }
  lines.push(`  (checksum ${checksum % 997})`);
  console.log(lines.join('\n'));
}

describe(`request body for one ${inputMiB.toFixed(1)} MiB _bulk chunk of realistic CloudWatch logs`, () => {
  for (const scenario of scenarios) {
    bench(scenario.name, async () => {
      checksum += await scenario.run();
    });
  }
});

await printMeasurements();
