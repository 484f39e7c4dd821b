import { gzipSync } from 'node:zlib';
import type { DataMessage, LogEvent } from '../subscription-message';

/**
 * Options of {@link createRealisticBatch}.
 *
 * @example
 * ```ts
 * const options: RealisticBatchOptions = { records: 500, eventsPerRecord: 50, seed: 1 };
 * ```
 */
export interface RealisticBatchOptions {
  /** Kinesis records in the batch. @default 500 */
  readonly records?: number;
  /** Log events per record. @default 50 */
  readonly eventsPerRecord?: number;
  /** PRNG seed: the same seed gives byte-identical batches. @default 1 */
  readonly seed?: number;
}

/**
 * A deterministic batch of Kinesis record `data` strings, each a gzip+base64 DATA_MESSAGE of
 * real-looking lines: JSON application logs, access logs, Lambda `START`/`END`/`REPORT` platform
 * lines and stack traces, with some non-ASCII text. Used by the benchmark and tests.
 *
 * @example
 * ```ts
 * const { data, messages } = createRealisticBatch({ records: 10 });
 * ```
 */
export function createRealisticBatch(options: RealisticBatchOptions = {}): {
  readonly data: readonly string[];
  readonly messages: readonly DataMessage[];
} {
  const random = createRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hex = (length: number) =>
    Array.from({ length }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const digits = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 10)).join('');
  let time = 1_700_000_000_000;

  const createLine = (index: number, requestId: string): string => {
    const iso = new Date(time).toISOString();
    switch (index % 7) {
      case 0:
        return `START RequestId: ${requestId} Version: $LATEST\n`;
      case 1:
        return `${JSON.stringify({
          level: pick(['info', 'info', 'warn', 'debug']),
          time: iso,
          service: 'checkout',
          requestId,
          msg: pick([
            'order placed',
            'payment authorised',
            'cart updated',
            'Bestellung übermittelt',
          ]),
          orderId: Math.floor(random() * 1e9),
          durationMs: Math.round(random() * 50_000) / 100,
          user: { id: Math.floor(random() * 1e6), country: pick(['DE', 'US', 'FR', 'JP', 'BR']) },
        })}\n`;
      case 2:
        return `10.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)} - - [${iso}] "${pick(['GET', 'POST', 'PUT'])} /api/v1/${pick(['orders', 'users', 'carts'])}/${Math.floor(random() * 1e6)} HTTP/1.1" ${pick([200, 200, 201, 304, 404, 500])} ${Math.floor(random() * 50_000)} "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"`;
      case 3:
        return `${iso}\t${requestId}\tINFO\tcache ${pick(['hit', 'miss'])} for key session:${hex(16)} (${Math.floor(random() * 900)} µs)\n`;
      case 4:
        return `${iso}\t${requestId}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'id')","stack":["TypeError: Cannot read properties of undefined (reading 'id')","    at handler (/var/task/index.js:${Math.floor(random() * 200)}:17)","    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)"]}\n`;
      case 5:
        return `END RequestId: ${requestId}\n`;
      default:
        return `REPORT RequestId: ${requestId}\tDuration: ${(random() * 1000).toFixed(2)} ms\tBilled Duration: ${Math.ceil(random() * 1000)} ms\tMemory Size: 512 MB\tMax Memory Used: ${Math.floor(random() * 300)} MB\t\n`;
    }
  };

  const data: string[] = [];
  const messages: DataMessage[] = [];
  const recordCount = options.records ?? 500;
  const eventsPerRecord = options.eventsPerRecord ?? 50;
  for (let record = 0; record < recordCount; record++) {
    const logEvents: LogEvent[] = [];
    let requestId = uuid();
    for (let event = 0; event < eventsPerRecord; event++) {
      time += Math.floor(random() * 40);
      if (event % 7 === 0) requestId = uuid();
      logEvents.push({ id: digits(56), timestamp: time, message: createLine(event, requestId) });
    }
    const message: DataMessage = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: `/aws/lambda/${pick(['checkout', 'payments', 'search'])}`,
      logStream: `2023/11/14/[$LATEST]${hex(32)}`,
      subscriptionFilters: ['logferry'],
      logEvents,
    };
    messages.push(message);
    data.push(gzipSync(JSON.stringify(message)).toString('base64'));
  }
  return { data, messages };
}

/** mulberry32: a tiny seeded PRNG, good enough for varied test data. */
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
