/**
 * A CloudWatch Logs event as it appears in a subscription message.
 *
 * @example
 * ```ts
 * const [first]: GeneratedLogEvent[] = generateLogEvents({ count: 1 });
 * ```
 */
export interface GeneratedLogEvent {
  readonly id: string;
  readonly timestamp: number;
  readonly message: string;
}

/**
 * Options of {@link generateLogEvents}.
 *
 * @example
 * ```ts
 * const options: GenerateLogEventsOptions = { count: 50, seed: 7, largeMessageRatio: 0.01 };
 * ```
 */
export interface GenerateLogEventsOptions {
  readonly count: number;
  /**
   * Seed of the pseudo-random generator: the same seed gives the same events.
   * @default 1
   */
  readonly seed?: number;
  /**
   * Time of the first event, in ms.
   * @default 1_718_000_000_000 (2024-06-10)
   */
  readonly startTimestamp?: number;
  /**
   * First event id (later ones count up); CloudWatch ids are 56-digit numbers.
   * @default 36_990_390_990_134_150_016_227_618_181_431_330_390_633_573_838_329_307_136n
   */
  readonly firstId?: bigint;
  /**
   * Share of events that are 20–200 KB messages (payload dumps).
   * @default 0
   */
  readonly largeMessageRatio?: number;
}

const firstEventId = 36990390990134150016227618181431330390633573838329307136n;

/**
 * Generates realistic CloudWatch log events, deterministically: JSON application logs, access
 * logs, Lambda platform lines (`START`/`END`/`REPORT`), multi-KB stack traces and, optionally,
 * 20–200 KB messages. Used by the demo, the end-to-end tests and the benchmark.
 *
 * @example
 * ```ts
 * const events = generateLogEvents({ count: 3, seed: 42 });
 * events[0].id; // '36990390990134150016227618181431330390633573838329307136'
 * ```
 */
export function generateLogEvents(options: GenerateLogEventsOptions): GeneratedLogEvent[] {
  const random = createRandom(options.seed ?? 1);
  const start = options.startTimestamp ?? 1_718_000_000_000;
  const firstId = options.firstId ?? firstEventId;
  const largeRatio = options.largeMessageRatio ?? 0;
  const events: GeneratedLogEvent[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const timestamp = start + index * 37 + Math.floor(random() * 30);
    const draw = random();
    let message: string;
    if (draw < largeRatio) message = generateLargeMessage(random, timestamp);
    else if (draw < 0.4) message = generateJsonLog(random, timestamp);
    else if (draw < 0.7) message = generateAccessLog(random, timestamp);
    else if (draw < 0.92) message = generatePlatformLine(random);
    else message = generateStackTrace(random, timestamp);
    events.push({ id: (firstId + BigInt(index)).toString().padStart(56, '0'), timestamp, message });
  }
  return events;
}

type Random = () => number;

/** mulberry32: tiny, fast, good enough for test data. */
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <Value>(random: Random, values: readonly Value[]): Value =>
  values[Math.floor(random() * values.length)] as Value;

const hex = (random: Random, length: number): string => {
  let text = '';
  while (text.length < length)
    text += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return text.slice(0, length);
};

const uuid = (random: Random): string => {
  const value = hex(random, 32);
  return `${value.slice(0, 8)}-${value.slice(8, 12)}-4${value.slice(13, 16)}-a${value.slice(17, 20)}-${value.slice(20)}`;
};

const paths = [
  '/api/orders',
  '/api/users/me',
  '/healthz',
  '/api/cart/items',
  '/static/app.js',
  '/login',
];
const levels = ['info', 'info', 'info', 'debug', 'warn', 'error'];
const services = ['checkout', 'catalog', 'payments', 'auth'];
const words = [
  'cart',
  'order',
  'payment',
  'session',
  'token',
  'cache',
  'retry',
  'queue',
  'batch',
  'user',
];

function generateJsonLog(random: Random, timestamp: number): string {
  return JSON.stringify({
    level: pick(random, levels),
    time: new Date(timestamp).toISOString(),
    service: pick(random, services),
    requestId: uuid(random),
    msg: `${pick(random, words)} ${pick(random, words)} ${pick(random, ['completed', 'started', 'failed', 'skipped'])}`,
    durationMs: Math.round(random() * 900),
    user: { id: Math.floor(random() * 100_000), plan: pick(random, ['free', 'pro', 'team']) },
    http: {
      method: pick(random, ['GET', 'POST', 'PUT']),
      path: pick(random, paths),
      status: pick(random, [200, 200, 201, 404, 500]),
    },
  });
}

function generateAccessLog(random: Random, timestamp: number): string {
  const ip = `${10 + Math.floor(random() * 200)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`;
  const date = new Date(timestamp).toUTCString();
  return `${ip} - - [${date}] "${pick(random, ['GET', 'POST'])} ${pick(random, paths)}?id=${hex(random, 6)} HTTP/1.1" ${pick(random, [200, 200, 304, 404, 502])} ${Math.floor(random() * 50_000)} "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"`;
}

function generatePlatformLine(random: Random): string {
  const requestId = uuid(random);
  const kind = random();
  if (kind < 0.33) return `START RequestId: ${requestId} Version: $LATEST`;
  if (kind < 0.66) return `END RequestId: ${requestId}`;
  const duration = (random() * 800).toFixed(2);
  return `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tBilled Duration: ${Math.ceil(Number(duration))} ms\tMemory Size: 512 MB\tMax Memory Used: ${80 + Math.floor(random() * 200)} MB`;
}

function generateStackTrace(random: Random, timestamp: number): string {
  const frames: string[] = [];
  const depth = 20 + Math.floor(random() * 40);
  for (let frame = 0; frame < depth; frame += 1) {
    frames.push(
      `    at ${pick(random, ['Object', 'Module', 'OrderService', 'PaymentClient', 'Router'])}.${pick(random, words)}${pick(random, ['Handler', 'Async', '', 'Internal'])} (/var/task/node_modules/${pick(random, ['express', 'pg', 'undici', 'app'])}/lib/${pick(random, words)}.js:${Math.floor(random() * 900)}:${Math.floor(random() * 80)})`,
    );
  }
  return `${new Date(timestamp).toISOString()}\t${uuid(random)}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading '${pick(random, words)}')"}\nTypeError: Cannot read properties of undefined (reading '${pick(random, words)}')\n${frames.join('\n')}`;
}

function generateLargeMessage(random: Random, timestamp: number): string {
  const targetBytes = 20_000 + Math.floor(random() * 180_000);
  const items: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const item = JSON.stringify({
      sku: hex(random, 10),
      name: `${pick(random, words)}-${hex(random, 4)}`,
      qty: Math.floor(random() * 9),
      price: Math.round(random() * 10_000) / 100,
    });
    items.push(item);
    size += item.length + 1;
  }
  return `${new Date(timestamp).toISOString()} DEBUG payload dump order=${uuid(random)} items=[${items.join(',')}]`;
}
