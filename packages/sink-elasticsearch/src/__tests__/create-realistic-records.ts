import type { SinkRecord } from '@logferry/sink';

const OWNER = '123456789012';
const START = Date.UTC(2024, 5, 1, 8, 0, 0);
const FIRST_ID = 37612498371219136512283049981649917161843834826946330624n;
const PATHS = [
  '/orders',
  '/orders/o-1029',
  '/customers/c-77/cart',
  '/health',
  '/payments/authorize',
];
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'okhttp/4.12.0',
];

/** A deterministic pseudo-random number generator (mulberry32), so batches are reproducible. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(random: () => number, length: number): string {
  let text = '';
  while (text.length < length)
    text += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return text.slice(0, length);
}

function uuid(random: () => number): string {
  const digits = hex(random, 32);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-a${digits.slice(17, 20)}-${digits.slice(20)}`;
}

/**
 * A realistic CloudWatch Logs batch for benchmarks and large tests: in equal shares, Lambda
 * platform lines (START/END/REPORT), Powertools JSON, API Gateway JSON access logs, nginx access
 * logs and multi-line Node.js stack traces, with request ids, IPs, latencies and paths varying the
 * way they do in production (so compression ratios are honest, not flattered by repetition).
 *
 * @example
 * ```ts
 * const records = createRealisticRecords(25_000);
 * ```
 */
export function createRealisticRecords(count: number, seed = 1): SinkRecord[] {
  const random = createRandom(seed);
  const records: SinkRecord[] = [];
  let requestId = uuid(random);
  for (let index = 0; index < count; index += 1) {
    const timestamp = START + index * 37;
    const iso = new Date(timestamp).toISOString();
    const kind = Math.floor(index / 5) % 5;
    if (index % 5 === 0) requestId = uuid(random);
    const ip = `203.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`;
    const path = PATHS[Math.floor(random() * PATHS.length)]!;
    const latency = Math.floor(random() * 900) + 3;
    let logGroup = '/aws/lambda/orders-api';
    let message: string;
    switch (kind) {
      case 0: {
        const lines = [
          `START RequestId: ${requestId} Version: $LATEST\n`,
          `${iso}\t${requestId}\tINFO\tprocessing order o-${Math.floor(random() * 99999)} for customer c-${Math.floor(random() * 9999)}\n`,
          `${iso}\t${requestId}\tWARN\tslow downstream call to inventory-service took ${latency} ms\n`,
          `END RequestId: ${requestId}\n`,
          `REPORT RequestId: ${requestId}\tDuration: ${latency}.${Math.floor(random() * 99)} ms\tBilled Duration: ${latency + 1} ms\tMemory Size: 512 MB\tMax Memory Used: ${90 + Math.floor(random() * 60)} MB\t\n`,
        ];
        message = lines[index % 5]!;
        break;
      }
      case 1:
        message = JSON.stringify({
          level: random() < 0.9 ? 'INFO' : 'ERROR',
          message: random() < 0.5 ? 'order created' : 'payment authorized',
          service: 'orders',
          timestamp: iso,
          xray_trace_id: `1-${hex(random, 8)}-${hex(random, 24)}`,
          cold_start: random() < 0.02,
          function_request_id: requestId,
          orderId: `o-${Math.floor(random() * 99999)}`,
          amount: Math.round(random() * 50000) / 100,
          currency: 'EUR',
        });
        break;
      case 2:
        logGroup = 'API-Gateway-Execution-Logs_abc123/prod';
        message = JSON.stringify({
          requestId: uuid(random),
          ip,
          requestTime: iso,
          httpMethod: random() < 0.7 ? 'GET' : 'POST',
          resourcePath: path,
          status: random() < 0.95 ? '200' : '502',
          protocol: 'HTTP/1.1',
          responseLength: String(Math.floor(random() * 20000)),
          integrationLatency: String(latency),
        });
        break;
      case 3:
        logGroup = '/ecs/nginx';
        message = `${ip} - - [01/Jun/2024:08:00:${String(index % 60).padStart(2, '0')} +0000] "GET ${path}?page=${Math.floor(random() * 20)} HTTP/1.1" 200 ${Math.floor(random() * 20000)} "-" "${AGENTS[Math.floor(random() * AGENTS.length)]}" ${(latency / 1000).toFixed(3)}`;
        break;
      default:
        message = `${iso}\t${requestId}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect ECONNREFUSED 10.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}:5432","stack":["Error: connect ECONNREFUSED","    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)","    at Pool.connect (/var/task/node_modules/pg-pool/index.js:45:11)","    at async createOrder (/var/task/src/orders.js:${Math.floor(random() * 400)}:18)","    at async Runtime.handler (/var/task/src/index.js:22:5)"]}\n`;
    }
    records.push({
      id: String(FIRST_ID + BigInt(index) * 22300745198530623141535718272648361505980416n),
      timestamp,
      message,
      owner: OWNER,
      logGroup,
      logStream: `2024/06/01/[$LATEST]${hex(createRandom(Math.floor(index / 500)), 32)}`,
      subscriptionFilters: ['logferry'],
      position: {
        shardId: 'shardId-000000000000',
        sequenceNumber: String(
          49590338271490256608559692538361571095921575989136588898n + BigInt(Math.floor(index / 4)),
        ),
        recordIndex: Math.floor(index / 4),
        eventIndex: index % 4,
      },
    });
  }
  return records;
}
