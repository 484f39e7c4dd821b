import http, { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { createTestRecords } from '@logferry/sink-testkit';
import { afterAll, bench, describe } from 'vitest';
import { createDefaultEvent } from './create-default-event';
import { createHttpSink } from './create-http-sink';
import { encodeRequestBody } from './encode-request-body';
import { planRequests } from './plan-requests';

// Every group has a baseline measured in the same run, so vitest prints each case as a ratio of
// it ("N.NNx faster/slower than …"): absolute timings on 2 shared cores are noisy, ratios less so.

const gzipAsync = promisify(gzip);
// 5,000 realistic CloudWatch events (unicode, stack traces, a multi-KB line every 50th).
const records = createTestRecords(5000, { seed: 3, largeMessageEvery: 50 });
const naiveBody = Buffer.from(
  `${records.map((record) => JSON.stringify(createDefaultEvent(record))).join('\n')}\n`,
);
const megabyte = naiveBody.subarray(0, 1_000_000);

// A bare Node server that drains the body and answers 200: the cost of HTTP on loopback alone.
const server = createServer(async (request, response) => {
  for await (const _chunk of request) {
    // drain
  }
  response.end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const agent = new http.Agent({ keepAlive: true });
const plainSink = createHttpSink({ url, maxBytes: 1_000_000 });
const gzipSink = createHttpSink({ url, maxBytes: 1_000_000, compression: 'gzip' });
const options = { time: 3000, warmupTime: 500 };

function post(body: Buffer, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/x-ndjson',
        'content-length': String(body.length),
        ...headers,
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      response.resume();
      response.on('end', resolve);
    });
    request.end(body);
  });
}

afterAll(async () => {
  await plainSink.close?.();
  await gzipSink.close?.();
  agent.destroy();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

describe(`encode 5,000 events (${(naiveBody.length / 1e6).toFixed(1)} MB of NDJSON)`, () => {
  bench(
    'baseline: JSON.stringify each event, join with newlines, Buffer.from',
    () => {
      Buffer.from(
        `${records.map((record) => JSON.stringify(createDefaultEvent(record))).join('\n')}\n`,
      );
    },
    options,
  );
  bench(
    'sink path: stringify, measure, plan ≤ 1 MB requests, write each body at its exact size',
    () => {
      const encoded = records.map((record) => {
        const json = JSON.stringify(createDefaultEvent(record));
        return { json, bytes: Buffer.byteLength(json) };
      });
      const plan = planRequests(
        encoded.map((event) => ({ bytes: event.bytes, group: '' })),
        { format: 'ndjson', maxBytes: 1_000_000, maxEvents: 10_000 },
      );
      for (const indices of plan.requests) {
        encodeRequestBody(
          'ndjson',
          indices.map((index) => encoded[index]!),
        );
      }
    },
    options,
  );
});

describe('gzip a 1 MB NDJSON body', () => {
  bench(
    'baseline: zlib default level 6',
    async () => {
      await gzipAsync(megabyte);
    },
    options,
  );
  bench(
    'level 4 (what the sink uses)',
    async () => {
      await gzipAsync(megabyte, { level: 4 });
    },
    options,
  );
  bench(
    'level 1',
    async () => {
      await gzipAsync(megabyte, { level: 1 });
    },
    options,
  );
});

describe('send 5,000 events to a local intake', () => {
  bench(
    'baseline: hand-rolled client (stringify, join, one POST of the whole batch, no limits)',
    async () => {
      await post(
        Buffer.from(
          `${records.map((record) => JSON.stringify(createDefaultEvent(record))).join('\n')}\n`,
        ),
      );
    },
    options,
  );
  bench(
    'createHttpSink().send, no compression (≤ 1 MB requests, one outcome per record)',
    async () => {
      const result = await plainSink.send(records);
      if (result.requests !== 3) throw new Error(`expected 3 requests, made ${result.requests}`);
    },
    options,
  );
  bench(
    'createHttpSink().send, gzip level 4',
    async () => {
      await gzipSink.send(records);
    },
    options,
  );
});
