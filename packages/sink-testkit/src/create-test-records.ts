import type { SinkRecord } from '@logferry/sink';
import { describeReceived } from './describe-received';
import { SinkTestkitError } from './errors';

/**
 * Options of {@link createTestRecords}.
 *
 * @example
 * ```ts
 * const options: CreateTestRecordsOptions = { seed: 7, offset: 40, eventsPerKinesisRecord: 4 };
 * ```
 */
export interface CreateTestRecordsOptions {
  /**
   * Selects an independent stream of records: ids, sequence numbers and request ids differ between
   * seeds, and the same seed always gives the same records.
   * @default 1
   */
  readonly seed?: number;
  /**
   * Position of the first record in the seed's stream. `createTestRecords(5, { offset: 10 })`
   * continues `createTestRecords(10)` exactly, which is how a Kinesis replay is built.
   * @default 0
   */
  readonly offset?: number;
  /**
   * Log events per Kinesis record: consecutive records share a sequence number, log group and
   * log stream, as the events of one CloudWatch Logs subscription message do.
   * @default 4
   */
  readonly eventsPerKinesisRecord?: number;
  /**
   * Every `largeMessageEvery`-th record carries a multi-KB message (a long stack trace); `0`
   * disables them.
   * @default 10
   */
  readonly largeMessageEvery?: number;
  /**
   * Minimum UTF-8 size of those large messages, in bytes.
   * @default 6144
   */
  readonly largeMessageBytes?: number;
  /**
   * Timestamp of the first record of the stream (offset 0), in milliseconds since the epoch.
   * @default 1717200000000 (2024-06-01T00:00:00Z)
   */
  readonly startTimestamp?: number;
  /**
   * Kinesis shard the records came from.
   * @default 'shardId-000000000000'
   */
  readonly shardId?: string;
}

const maxCount = 100_000;
const firstEventId = 36990390990134150016227618181431330390633573838329307136n;
const firstSequenceNumber = 49590338271490256608559692538361571095921575989136588898n;

interface LogSource {
  readonly logGroup: string;
  readonly logStreamPrefix: string;
  readonly subscriptionFilters: readonly string[];
  readonly policyLevel?: string;
  readonly extractsFields: boolean;
}

// Several log groups, as a subscription on many groups delivers them; one account-level policy.
const logSources: readonly LogSource[] = [
  {
    logGroup: '/aws/lambda/checkout-api',
    logStreamPrefix: '2024/06/01/[$LATEST]',
    subscriptionFilters: ['logferry'],
    extractsFields: false,
  },
  {
    logGroup: '/ecs/payments/worker',
    logStreamPrefix: 'ecs/worker/',
    subscriptionFilters: ['logferry', 'audit-copy'],
    extractsFields: false,
  },
  {
    logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
    logStreamPrefix: '',
    subscriptionFilters: ['logferry-access'],
    extractsFields: true,
  },
  {
    logGroup: '/aws/rds/instance/orders-db/postgresql',
    logStreamPrefix: 'orders-db.',
    subscriptionFilters: ['org-wide'],
    policyLevel: 'ACCOUNT_LEVEL_POLICY',
    extractsFields: false,
  },
];

/**
 * Generates realistic {@link SinkRecord}s for tests: unique 56-digit CloudWatch event ids,
 * several log groups, Kinesis positions with increasing sequence numbers, unicode (accents, CJK,
 * right-to-left text, emoji, combining marks), JSON-hostile characters (quotes, backslashes,
 * control characters, U+2028) and multi-line, multi-KB messages. Deterministic per `seed`.
 *
 * @example
 * ```ts
 * const batch = createTestRecords(24);
 * const replay = [...batch.slice(8), ...createTestRecords(8, { offset: 24 })];
 * ```
 */
export function createTestRecords(
  count: number,
  options: CreateTestRecordsOptions = {},
): SinkRecord[] {
  const seed = readInteger('seed', options.seed, 1, 0, 1_000_000);
  const offset = readInteger('offset', options.offset, 0, 0, 1_000_000_000);
  const eventsPerKinesisRecord = readInteger(
    'eventsPerKinesisRecord',
    options.eventsPerKinesisRecord,
    4,
    1,
    10_000,
  );
  const largeMessageEvery = readInteger('largeMessageEvery', options.largeMessageEvery, 10, 0, 1e6);
  const largeMessageBytes = readInteger(
    'largeMessageBytes',
    options.largeMessageBytes,
    6144,
    1,
    1_048_576,
  );
  const startTimestamp = readInteger(
    'startTimestamp',
    options.startTimestamp,
    1_717_200_000_000,
    0,
    8_640_000_000_000_000,
  );
  const shardId = options.shardId ?? 'shardId-000000000000';
  if (typeof shardId !== 'string' || shardId.length === 0) {
    throw invalidOption('shardId', 'a non-empty string', shardId);
  }
  if (!Number.isSafeInteger(count) || count < 0 || count > maxCount) {
    throw new SinkTestkitError(
      `createTestRecords: count must be an integer from 0 to ${maxCount}; received ${describeReceived(count)}`,
      { code: 'invalid-options' },
    );
  }

  const records: SinkRecord[] = [];
  for (let position = offset; position < offset + count; position += 1) {
    const recordIndex = Math.floor(position / eventsPerKinesisRecord);
    const eventIndex = position % eventsPerKinesisRecord;
    const source = logSources[recordIndex % logSources.length]!;
    const random = createRandom(seed * 1_000_003 + position);
    const timestamp = startTimestamp + position * 37;
    const isLarge = largeMessageEvery > 0 && position % largeMessageEvery === largeMessageEvery - 1;
    const message = isLarge
      ? createLargeMessage(position, largeMessageBytes)
      : createMessage(position, random);
    const streamSuffix = createRandom(seed * 7919 + recordIndex)
      .hex(32)
      .slice(0, 16);
    records.push({
      id: (firstEventId + BigInt(seed) * 10n ** 40n + BigInt(position) * 1_000_003n).toString(),
      timestamp,
      message,
      ...(source.extractsFields
        ? { extractedFields: { method: 'GET', status: String(200 + (position % 3) * 100) } }
        : {}),
      owner: '123456789012',
      logGroup: source.logGroup,
      logStream: `${source.logStreamPrefix}${streamSuffix}`,
      subscriptionFilters: source.subscriptionFilters,
      ...(source.policyLevel === undefined ? {} : { policyLevel: source.policyLevel }),
      position: {
        shardId,
        sequenceNumber: (
          firstSequenceNumber +
          BigInt(seed) * 10n ** 30n +
          BigInt(recordIndex) * 1_000_000_000_000n
        ).toString(),
        recordIndex,
        eventIndex,
        approximateArrivalTimestamp:
          startTimestamp + recordIndex * eventsPerKinesisRecord * 37 + 150,
      },
    });
  }
  return records;
}

function createMessage(position: number, random: Random): string {
  const requestId = random.uuid();
  switch (position % 8) {
    case 0:
      return `START RequestId: ${requestId} Version: $LATEST`;
    case 1:
      return JSON.stringify({
        level: 'info',
        msg: 'order placed',
        orderId: random.hex(12),
        amount: 12.5 + (position % 7),
        currency: 'EUR',
      });
    case 2:
      return `Zahlung bestätigt für Jürgen Groß — 支付成功 — 注文 #${position} ✅ 🚀 — مرحبا بالعالم — naïve café`;
    case 3:
      return `203.0.113.${position % 250} - - [01/Jun/2024:00:00:03 +0000] "GET /api/orders?id=${position}&q=%22x%22 HTTP/1.1" 200 512 "-" "curl/8.5.0"`;
    case 4:
      return `Error: payment declined (request ${requestId})\n    at charge (/var/task/src/pay.js:41:13)\n\tat C:\\build\\handler.js:7:3`;
    case 5:
      return `REPORT RequestId: ${requestId}\tDuration: ${(position % 90) + 0.37} ms\tBilled Duration: ${(position % 90) + 1} ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB`;
    case 6:
      return `quote " backslash \\ tab \t bell \u0007 escape \u001b line-separator \u2028 paragraph-separator \u2029 end ${position}`;
    default:
      return `👩‍💻 deploy ${position} by Zoë (e\u0301) — ﬁle 𝄞 finished`;
  }
}

function createLargeMessage(position: number, minimumBytes: number): string {
  const frames: string[] = [`Error: upstream timed out while processing batch ${position}`];
  let bytes = Buffer.byteLength(frames[0]!);
  for (let depth = 0; bytes < minimumBytes; depth += 1) {
    // Multi-byte characters make byte length differ from string length, which catches sinks
    // that size bodies with `string.length`.
    const frame = `    at Layer${depth}.handle (/var/task/node_modules/router/läyer-${depth}.js:${depth + 10}:5) ⏱`;
    frames.push(frame);
    bytes += Buffer.byteLength(frame) + 1;
  }
  return frames.join('\n');
}

interface Random {
  next(): number;
  hex(length: number): string;
  uuid(): string;
}

// mulberry32: tiny, deterministic, good enough to vary test data.
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const hex = (length: number): string => {
    let text = '';
    while (text.length < length) text += Math.floor(next() * 16).toString(16);
    return text;
  };
  return {
    next,
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  };
}

function readInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw invalidOption(name, `an integer from ${minimum} to ${maximum}`, value);
  }
  return value;
}

function invalidOption(name: string, rule: string, received: unknown): SinkTestkitError {
  return new SinkTestkitError(
    `createTestRecords: option ${name} must be ${rule}; received ${describeReceived(received)}`,
    { code: 'invalid-options' },
  );
}
