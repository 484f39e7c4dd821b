import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/**
 * One record for {@link buildKinesisEvent}.
 *
 * @example
 * ```ts
 * const record: TestKinesisRecord = { data: encodeSubscriptionMessage(message), partitionKey: 'foo/stream-1' };
 * ```
 */
export interface TestKinesisRecord {
  /** Base64 data, as CloudWatch Logs writes it (gzip JSON). */
  readonly data: string;
  /** @default 'test-stream' */
  readonly partitionKey?: string;
  /** Arrival time in ms since the epoch. @default 1_700_000_000_000 + index */
  readonly approximateArrivalTimestamp?: number;
}

/**
 * A realistic 56-digit Kinesis sequence number; records get consecutive ones.
 *
 * @example
 * ```ts
 * const second = (firstTestSequenceNumber + 1n).toString();
 * ```
 */
export const firstTestSequenceNumber = 49590338271490256608559692538361571095921575989136588898n;

/**
 * Builds a Kinesis stream event exactly as Lambda's event source mapping shapes it.
 *
 * @example
 * ```ts
 * const event = buildKinesisEvent([{ data: encodeSubscriptionMessage(message) }]);
 * event.Records[0].eventID; // 'shardId-000000000000:49590338271490256608559692538361571095921575989136588898'
 * ```
 */
export function buildKinesisEvent(
  records: readonly TestKinesisRecord[],
  options: { readonly shardId?: string; readonly firstSequenceNumber?: bigint } = {},
): KinesisStreamEvent {
  const shardId = options.shardId ?? 'shardId-000000000000';
  const first = options.firstSequenceNumber ?? firstTestSequenceNumber;
  return {
    Records: records.map((record, index): KinesisStreamRecord => {
      const sequenceNumber = (first + BigInt(index)).toString();
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: record.partitionKey ?? 'test-stream',
          sequenceNumber,
          data: record.data,
          approximateArrivalTimestamp:
            (record.approximateArrivalTimestamp ?? 1_700_000_000_000 + index) / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::123456789012:role/logferry-lambda',
        awsRegion: 'eu-west-1',
        eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/logferry',
      };
    }),
  };
}
