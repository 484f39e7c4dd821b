import { bench, describe } from 'vitest';
import { createDocumentMapper } from './create-document-mapper';
import { encodeBulkChunks } from './encode-bulk-chunks';
import type { LogEventRecord } from './log-event-record';

const EVENT_COUNT = 25_000;
const FIRST_ID = 36990390990134150016227618181431330390633573838329307136n;
const START = Date.UTC(2022, 6, 25, 7, 7, 8);
const OWNER = '123456789012';
const FILTERS = ['logferry'];
const LAMBDA_STREAM = '2022/07/25/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0';

function requestId(index: number): string {
  const hex = (index * 2654435761).toString(16).padStart(8, '0').slice(-8);
  return `${hex}-1b7a-4a8e-9c3d-2f1e0b9a8c7d`;
}

type EventKind = 'json' | 'access' | 'platform' | 'stack';

/** One message of each kind, varied by index so no two events are identical. */
function createMessage(kind: EventKind, index: number, iso: string): [string, string, string] {
  const id = requestId(index);
  switch (kind) {
    case 'json':
      return index % 4 === 0
        ? [
            JSON.stringify({
              requestId: id,
              ip: `203.0.113.${index % 255}`,
              requestTime: '25/Jul/2022:07:07:09 +0000',
              httpMethod: index % 8 === 0 ? 'POST' : 'GET',
              routeKey: 'GET /items/{id}',
              status: index % 50 === 0 ? '500' : '200',
              protocol: 'HTTP/1.1',
              responseLength: String(200 + (index % 4000)),
              integrationLatency: String(index % 300),
            }),
            '/aws/apigateway/orders-http-api',
            'a1b2c3d4e5f60718293a4b5c6d7e8f90',
          ]
        : [
            JSON.stringify({
              level: index % 9 === 0 ? 'WARN' : 'INFO',
              message: 'order created',
              service: 'orders',
              timestamp: iso,
              xray_trace_id: `1-62de401c-${id.replace(/-/g, '').slice(0, 24)}`,
              orderId: `o-${index}`,
              customerId: `c-${index % 977}`,
              amount: (index % 5000) / 100,
              currency: 'EUR',
              items: [
                { sku: `sku-${index % 31}`, quantity: 1 + (index % 3) },
                { sku: `sku-${index % 17}`, quantity: 1 },
              ],
            }),
            '/aws/lambda/orders-api',
            LAMBDA_STREAM,
          ];
    case 'access':
      return [
        `203.0.113.${index % 255} - - [25/Jul/2022:07:07:09 +0000] "GET /api/items/${index}?expand=price HTTP/1.1" ${index % 40 === 0 ? 404 : 200} ${index % 9000} "https://shop.example.com/cart" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.5 Safari/605.1.15"`,
        '/ecs/web',
        'nginx/nginx/8f2b6c1e0d9a4f7b9c3e5a1d2b4c6e8f',
      ];
    case 'platform': {
      const line =
        index % 4 === 0
          ? `START RequestId: ${id} Version: $LATEST\n`
          : index % 4 === 1
            ? `${iso}\t${id}\tINFO\tprocessing order o-${index} for customer c-${index % 977}\n`
            : index % 4 === 2
              ? `END RequestId: ${id}\n`
              : `REPORT RequestId: ${id}\tDuration: ${(index % 900) + 0.52} ms\tBilled Duration: ${(index % 900) + 1} ms\tMemory Size: 256 MB\tMax Memory Used: 88 MB\t\n`;
      return [line, '/aws/lambda/orders-api', LAMBDA_STREAM];
    }
    case 'stack':
      return index % 2 === 0
        ? [
            `${iso}\t${id}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect ECONNREFUSED 10.0.3.12:5432","code":"ECONNREFUSED","stack":["Error: connect ECONNREFUSED 10.0.3.12:5432","    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1157:16)","    at Protocol._enqueue (/var/task/node_modules/pg/lib/client.js:${index % 600}:19)"]}\n`,
            '/aws/lambda/orders-api',
            LAMBDA_STREAM,
          ]
        : [
            `Traceback (most recent call last):\n  File "/var/task/app.py", line 41, in handler\n    order = repository.load(event["pathParameters"]["id"])\n  File "/var/task/repository.py", line 18, in load\n    raise KeyError(order_id)\nKeyError: 'o-${index}'\n`,
            '/aws/lambda/catalog-sync',
            '2022/07/25/[$LATEST]aa00bb11cc22dd33ee44ff5566778899',
          ];
  }
}

/**
 * A batch of log events. `mixed`: the four kinds the brief names in equal shares, in runs of five
 * events (as log streams interleave in a Kinesis batch). `json`: structured JSON only, the worst
 * case for JSON extraction.
 */
function createBenchmarkEvents(mix: 'mixed' | 'json'): LogEventRecord[] {
  const kinds: EventKind[] = ['json', 'access', 'platform', 'stack'];
  const events: LogEventRecord[] = [];
  for (let index = 0; index < EVENT_COUNT; index += 1) {
    const kind = mix === 'json' ? 'json' : kinds[Math.floor(index / 5) % kinds.length]!;
    const timestamp = START + index * 7;
    const [message, logGroup, logStream] = createMessage(
      kind,
      index,
      new Date(timestamp).toISOString(),
    );
    events.push({
      id: String(FIRST_ID + BigInt(index) * 22300745198530623141535718272648361505980416n),
      timestamp,
      message,
      owner: OWNER,
      logGroup,
      logStream,
      subscriptionFilters: FILTERS,
    });
  }
  return events;
}

const mixedEvents = createBenchmarkEvents('mixed');
const jsonEvents = createBenchmarkEvents('json');
let sink = 0;

/** What a naive shipper does: a minimal document through JSON.stringify, glued into one body. */
function encodeBaseline(events: readonly LogEventRecord[]): number {
  let body = '';
  for (const event of events) {
    const document = {
      '@timestamp': new Date(event.timestamp).toISOString(),
      message: event.message,
      log_group: event.logGroup,
      log_stream: event.logStream,
    };
    body += `{"create":{"_index":"cwl-2022.07.25","_id":"${event.id}"}}\n${JSON.stringify(document)}\n`;
  }
  return body.length;
}

/** The library path a sink takes: lazy encoding into 5 MiB chunks. */
function encodeWithMapper(
  events: readonly LogEventRecord[],
  jsonMode: 'namespace' | 'off',
): number {
  // A fresh mapper per batch: caches start cold, as in a new Lambda invocation's first batch.
  const mapper = createDocumentMapper({ jsonMode });
  let bytes = 0;
  for (const result of encodeBulkChunks(events, { encode: mapper.encodeOperation })) {
    if (result.kind === 'chunk') bytes += result.byteLength;
  }
  return bytes;
}

const scenarios: Record<string, () => number> = {
  'mixed, baseline': () => encodeBaseline(mixedEvents),
  'mixed, jsonMode namespace': () => encodeWithMapper(mixedEvents, 'namespace'),
  'mixed, jsonMode off': () => encodeWithMapper(mixedEvents, 'off'),
  'JSON only, baseline': () => encodeBaseline(jsonEvents),
  'JSON only, jsonMode namespace': () => encodeWithMapper(jsonEvents, 'namespace'),
};

/**
 * Ratios from interleaved rounds (every scenario once per round, 15 rounds, after 5 warm-up
 * rounds): on a shared, noisy machine the per-round ratio is steadier than separate runs. The
 * median of the per-round ratios is printed.
 */
function printRatios(): void {
  const names = Object.keys(scenarios);
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < 20; round += 1) {
    for (const name of names) {
      const start = performance.now();
      sink += scenarios[name]!();
      if (round >= 5) samples.get(name)!.push(performance.now() - start);
    }
  }
  const median = (values: number[]) =>
    [...values].sort((left, right) => left - right)[values.length >> 1]!;
  const ratio = (name: string, baseline: string) =>
    median(samples.get(name)!.map((value, round) => value / samples.get(baseline)![round]!));
  const lines = [
    `\n${EVENT_COUNT.toLocaleString('en')} events per batch; median ms and median per-round ratio to the baseline of the same events:`,
  ];
  for (const name of names) {
    const baseline = name.startsWith('mixed') ? 'mixed, baseline' : 'JSON only, baseline';
    lines.push(
      `  ${name.padEnd(30)} ${median(samples.get(name)!).toFixed(1).padStart(7)} ms  ${ratio(name, baseline).toFixed(2)}x`,
    );
  }
  // Printing the checksum keeps the engine from discarding the measured work.
  lines.push(`  (checksum ${sink % 997})`);
  console.log(lines.join('\n'));
}

describe(`events → documents → NDJSON chunks (${EVENT_COUNT.toLocaleString('en')} events)`, () => {
  for (const [name, run] of Object.entries(scenarios)) {
    bench(name, () => {
      sink += run();
    });
  }
});

printRatios();
