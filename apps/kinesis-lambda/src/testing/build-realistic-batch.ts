import { encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import type { KinesisStreamEvent } from 'aws-lambda';
import { buildKinesisEvent } from './build-kinesis-event';
import { type GeneratedLogEvent, generateLogEvents } from './generate-log-events';

/**
 * A batch for the benchmark, with its size figures.
 *
 * @example
 * ```ts
 * const { event, payloadBytes }: RealisticBatch = buildRealisticBatch('large');
 * ```
 */
export interface RealisticBatch {
  readonly event: KinesisStreamEvent;
  readonly records: number;
  readonly events: number;
  /** Bytes of the invocation payload (the event as JSON): Lambda's limit is 6 MB. */
  readonly payloadBytes: number;
  /** Bytes of the log messages once decoded. */
  readonly messageBytes: number;
}

const logGroups = ['/aws/lambda/checkout', '/ecs/catalog', 'nginx/access', 'foo', 'bar', 'baz'];

/**
 * Builds a Kinesis event as CloudWatch Logs fills the stream: each record one gzip subscription
 * message of one log group. `typical`: 500 records × 50 events of mixed small logs. `large`: as
 * many records as fit under Lambda's 6 MB payload limit (≤ 6,000,000 bytes of event JSON), each up
 * to ~1 MB of decoded messages, with multi-KB stack traces and 20–200 KB messages in the mix.
 *
 * @example
 * ```ts
 * const { event, events } = buildRealisticBatch('typical'); // events === 25_000
 * ```
 */
export function buildRealisticBatch(kind: 'typical' | 'large'): RealisticBatch {
  const messages: { data: string; partitionKey: string }[] = [];
  let events = 0;
  let messageBytes = 0;
  const toRecord = (index: number, logEvents: readonly GeneratedLogEvent[]) => {
    const logGroup = logGroups[index % logGroups.length] as string;
    const logStream = `2024/06/10/[$LATEST]${index.toString(16).padStart(32, '0')}`;
    events += logEvents.length;
    for (const logEvent of logEvents) messageBytes += Buffer.byteLength(logEvent.message);
    return {
      data: encodeSubscriptionMessage({
        messageType: 'DATA_MESSAGE',
        owner: '123456789012',
        logGroup,
        logStream,
        subscriptionFilters: ['logferry'],
        logEvents,
      }),
      partitionKey: logStream,
    };
  };

  if (kind === 'typical') {
    const all = generateLogEvents({ count: 25_000, seed: 500 });
    for (let index = 0; index < 500; index += 1) {
      messages.push(toRecord(index, all.slice(index * 50, index * 50 + 50)));
    }
  } else {
    const payloadLimit = 6_000_000;
    // Each record carries ~1 MB of decoded messages; stop before the payload crosses the limit.
    let payloadBytes = 0;
    for (let index = 0; ; index += 1) {
      const pool = generateLogEvents({
        count: 1_500,
        seed: 6_000 + index,
        largeMessageRatio: 0.01,
        firstId:
          36990390990134150016227618181431330390633573838329307136n + BigInt(index) * 10_000n,
      });
      const logEvents: GeneratedLogEvent[] = [];
      let bytes = 0;
      for (const logEvent of pool) {
        if (bytes + logEvent.message.length + 100 > 1_000_000) break;
        logEvents.push(logEvent);
        bytes += logEvent.message.length + 100;
      }
      const record = toRecord(index, logEvents);
      // The record's share of the event JSON: its data plus ~500 bytes of record metadata.
      if (payloadBytes + record.data.length + 500 > payloadLimit) {
        events -= logEvents.length;
        for (const logEvent of logEvents) messageBytes -= Buffer.byteLength(logEvent.message);
        break;
      }
      payloadBytes += record.data.length + 500;
      messages.push(record);
    }
  }
  const event = buildKinesisEvent(
    messages.map((message) => ({ data: message.data, partitionKey: message.partitionKey })),
  );
  return {
    event,
    records: messages.length,
    events,
    payloadBytes: Buffer.byteLength(JSON.stringify(event)),
    messageBytes,
  };
}
