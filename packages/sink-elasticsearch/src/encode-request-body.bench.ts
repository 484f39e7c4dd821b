import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
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
const gzipAsync = promisify(gzip);

/**
 * Replaces about one message in 110 with a 20–200 KB "payload dump" (a JSON array of SKUs, names,
 * quantities and prices, logged as text), the mix of the Lambda's large benchmark batch. Hex ids
 * and escaped quotes make this kind of content compress about half as well as ordinary log lines,
 * and cost zlib about twice the CPU per MiB.
 */
function addPayloadDumps(records: readonly SinkRecord[]): SinkRecord[] {
  let state = 7;
  const random = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  const hex = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  return records.map((record) => {
    if (random() >= 1 / 110) return record;
    const items: string[] = [];
    const target = 20_000 + Math.floor(random() * 180_000);
    for (let size = 0; size < target; size += items.at(-1)!.length + 1) {
      items.push(
        JSON.stringify({
          sku: hex(10),
          name: `item-${hex(4)}`,
          qty: Math.floor(random() * 9),
          price: Math.round(random() * 10_000) / 100,
        }),
      );
    }
    return { ...record, message: `DEBUG payload dump order=${hex(32)} items=[${items.join(',')}]` };
  });
}

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

interface Scenario {
  readonly name: string;
  readonly run: () => Promise<number>;
}

function createScenarios(records: readonly SinkRecord[], chunk: BulkChunk): Scenario[] {
  return [
    {
      name: 'baseline: encode records into the chunk',
      run: async () => encodeFirstChunk(records).byteLength,
    },
    {
      name: "compression: 'none' (UTF-8 bytes)",
      run: async () => (await encodeRequestBody(chunk.bytes, 'none', 1)).bytes.byteLength,
    },
    // What the sink did before: one zlib stream, 16 KiB per thread-pool round trip.
    ...[1, 2, 3].map((level) => ({
      name: `before: one zlib.gzip stream, level ${level}`,
      run: async () => (await gzipAsync(chunk.bytes, { level })).length,
    })),
    ...[1, 2, 3, 4, 6, 9].map((level) => ({
      name: `compression: 'gzip', gzipLevel ${level}`,
      run: async () => (await encodeRequestBody(chunk.bytes, 'gzip', level)).bytes.byteLength,
    })),
  ];
}

let checksum = 0;
const median = (values: readonly number[]) =>
  [...values].sort((left, right) => left - right)[values.length >> 1]!;

/**
 * Interleaved rounds (every scenario once per round; 5 warm-up rounds, then 15 measured), so the
 * per-round ratio to the baseline is steady on a shared, noisy machine. Prints the median wall
 * and CPU ms (CPU counts every thread, so it shows whether parallel pieces only moved the work),
 * the median ratio of wall time to the baseline, the wire bytes, and the link speed below which
 * compressing pays for itself (saved bits ÷ extra wall seconds over `compression: 'none'`).
 */
async function printMeasurements(label: string, records: readonly SinkRecord[]): Promise<void> {
  const chunk = encodeFirstChunk(records);
  const inputMiB = chunk.byteLength / (1024 * 1024);
  const scenarios = createScenarios(records, chunk);
  const wall = new Map(scenarios.map((scenario) => [scenario.name, [] as number[]]));
  const cpu = new Map(scenarios.map((scenario) => [scenario.name, [] as number[]]));
  const wireBytes = new Map<string, number>();
  for (let round = 0; round < 20; round += 1) {
    for (const scenario of scenarios) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      const bytes = await scenario.run();
      const elapsed = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpuStarted);
      checksum += bytes;
      wireBytes.set(scenario.name, bytes);
      if (round >= 5) {
        wall.get(scenario.name)!.push(elapsed);
        cpu.get(scenario.name)!.push((cpuUsed.user + cpuUsed.system) / 1000);
      }
    }
  }
  const baseline = scenarios[0]!.name;
  const plain = scenarios[1]!.name;
  const ratio = (name: string) =>
    median(wall.get(name)!.map((value, round) => value / wall.get(baseline)![round]!));
  const plainMs = median(wall.get(plain)!);
  const plainBytes = wireBytes.get(plain)!;
  const lines = [
    `\n${label}: ${chunk.operationIndices.length.toLocaleString('en')} documents, ${inputMiB.toFixed(2)} MiB of NDJSON; median of 15 interleaved rounds:`,
    '  scenario                                   wall ms   CPU ms   vs baseline   wire bytes   smaller   wall ms/MiB   pays off below',
  ];
  for (const scenario of scenarios) {
    const ms = median(wall.get(scenario.name)!);
    const bytes = wireBytes.get(scenario.name)!;
    const isGzip = bytes < plainBytes;
    const extraSeconds = (ms - plainMs) / 1000;
    const breakEven =
      isGzip && extraSeconds > 0 ? ((plainBytes - bytes) * 8) / extraSeconds / 1e6 : undefined;
    lines.push(
      `  ${scenario.name.padEnd(40)} ${ms.toFixed(1).padStart(8)} ${median(cpu.get(scenario.name)!).toFixed(1).padStart(8)}   ${ratio(scenario.name).toFixed(2).padStart(10)}x   ${String(bytes).padStart(10)}   ${isGzip ? `${(plainBytes / bytes).toFixed(1)}x`.padStart(7) : '      -'}   ${isGzip ? ((ms - plainMs) / inputMiB).toFixed(1).padStart(11) : '          -'}   ${breakEven === undefined ? '-' : `${Math.round(breakEven)} Mbit/s`}`,
    );
  }
  lines.push(`  (checksum ${checksum % 997})`);
  console.log(lines.join('\n'));
}

const logs = createRealisticRecords(20_000);
const withDumps = addPayloadDumps(createRealisticRecords(20_000, 2));

const logsChunk = encodeFirstChunk(logs);
describe(`request body for one ${(logsChunk.byteLength / 1048576).toFixed(1)} MiB _bulk chunk of realistic CloudWatch logs`, () => {
  for (const scenario of createScenarios(logs, logsChunk)) {
    bench(scenario.name, async () => {
      checksum += await scenario.run();
    });
  }
});

await printMeasurements('realistic CloudWatch logs', logs);
await printMeasurements('the same with 20–200 KB payload dumps', withDumps);
