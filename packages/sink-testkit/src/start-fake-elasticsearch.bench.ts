import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, bench, describe } from 'vitest';
import { createTestRecords } from './create-test-records';
import { startFakeElasticsearch } from './start-fake-elasticsearch';
import { startFaultProxy } from './start-fault-proxy';

// Baseline: a bare Node server that reads the body and answers a fixed JSON, i.e. the cost of
// HTTP on loopback alone. The fakes' numbers are read as ratios against it.
const bare = createServer(async (request, response) => {
  for await (const _chunk of request) {
    // drain
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"errors":false}');
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
const fake = await startFakeElasticsearch();
const proxy = await startFaultProxy({ target: bareUrl });

// 500 realistic documents with `index` actions on fixed ids, so the store stays the same size
// however many iterations run.
const bulkBody = `${createTestRecords(500)
  .flatMap((record) => [
    JSON.stringify({ index: { _index: 'cwl-bench', _id: record.id } }),
    JSON.stringify({
      '@timestamp': new Date(record.timestamp).toISOString(),
      message: record.message,
      logGroup: record.logGroup,
    }),
  ])
  .join('\n')}\n`;
const objectBody = Buffer.alloc(256 * 1024, 'x');
const ndjson = { 'content-type': 'application/x-ndjson' };
// Longer runs than the default: loopback timings on 2 shared cores are noisy.
const options = { time: 3000, warmupTime: 500 };

afterAll(async () => {
  await fake.close();
  await proxy.close();
  await new Promise<void>((resolve) => {
    bare.close(() => resolve());
    bare.closeAllConnections();
  });
});

describe(`_bulk of 500 documents (${Math.round(Buffer.byteLength(bulkBody) / 1024)} KiB)`, () => {
  bench(
    'baseline: bare Node server',
    async () => {
      await (
        await fetch(`${bareUrl}/_bulk`, { method: 'POST', headers: ndjson, body: bulkBody })
      ).text();
    },
    options,
  );
  bench(
    'startFakeElasticsearch',
    async () => {
      const response = await fetch(`${fake.url}/_bulk`, {
        method: 'POST',
        headers: ndjson,
        body: bulkBody,
      });
      if (response.status !== 200) throw new Error(`fake answered ${response.status}`);
      await response.text();
    },
    options,
  );
});

describe('PUT of a 256 KiB object', () => {
  bench(
    'baseline: bare Node server',
    async () => {
      await (await fetch(`${bareUrl}/bucket/key`, { method: 'PUT', body: objectBody })).text();
    },
    options,
  );
  bench(
    'through startFaultProxy',
    async () => {
      await (await fetch(`${proxy.url}/bucket/key`, { method: 'PUT', body: objectBody })).text();
    },
    options,
  );
});
