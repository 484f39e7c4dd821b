import type { DecodeOptions } from './decode-options';
import { decodeSubscriptionMessage } from './decode-subscription-message';
import { describeValue } from './describe-received';
import { DecodeError } from './errors';
import type { SubscriptionMessage } from './subscription-message';

/**
 * The part of a Kinesis Data Streams Lambda event record (`event.Records[i]`) the decoder
 * reads. `KinesisStreamRecord` from `@types/aws-lambda` fits.
 *
 * @example
 * ```ts
 * const record: KinesisRecordInput = { kinesis: { data: 'H4sIAAAAAAAAA…' } };
 * ```
 */
export interface KinesisRecordInput {
  readonly kinesis: { readonly data: string };
}

/**
 * Decodes the CloudWatch Logs payload carried by one record of a Kinesis Lambda event.
 *
 * @example
 * ```ts
 * export const handler = async (event: KinesisStreamEvent) => {
 *   for (const record of event.Records) {
 *     const message = decodeKinesisRecord(record);
 *     if (message.messageType === 'CONTROL_MESSAGE') continue;
 *     // ship message.logEvents
 *   }
 * };
 * ```
 */
export function decodeKinesisRecord(
  record: KinesisRecordInput,
  options?: DecodeOptions,
): SubscriptionMessage {
  const data = (record as { kinesis?: { data?: unknown } } | null | undefined)?.kinesis?.data;
  if (typeof data !== 'string') {
    throw new DecodeError(
      `Invalid input: a Kinesis record must have kinesis.data as a base64 string; received ${describeValue(data)}`,
      { code: 'invalid-input' },
    );
  }
  return decodeSubscriptionMessage(data, options);
}
