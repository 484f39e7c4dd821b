import type { DecodeOptions } from './decode-options';
import { decodeSubscriptionMessage } from './decode-subscription-message';
import { describeValue } from './describe-received';
import { DecodeError } from './errors';
import type { SubscriptionMessage } from './subscription-message';

/**
 * The part of a Firehose data-transformation event record (`event.records[i]`) the decoder
 * reads. `FirehoseTransformationEventRecord` from `@types/aws-lambda` fits.
 *
 * @example
 * ```ts
 * const record: FirehoseRecordInput = { data: 'H4sIAAAAAAAAA…' };
 * ```
 */
export interface FirehoseRecordInput {
  readonly data: string;
}

/**
 * Decodes the CloudWatch Logs payload of one Firehose transformation record (CloudWatch Logs
 * sends gzip to Firehose, which hands it to the transformation Lambda as base64).
 *
 * @example
 * ```ts
 * export const handler = async (event: FirehoseTransformationEvent) => ({
 *   records: event.records.map((record) => {
 *     const message = decodeFirehoseRecord(record);
 *     const lines = message.messageType === 'DATA_MESSAGE' ? message.logEvents.map((e) => e.message) : [];
 *     return { recordId: record.recordId, result: lines.length ? 'Ok' : 'Dropped', data: btoa(lines.join('\n')) };
 *   }),
 * });
 * ```
 */
export function decodeFirehoseRecord(
  record: FirehoseRecordInput,
  options?: DecodeOptions,
): SubscriptionMessage {
  const data = (record as { data?: unknown } | null | undefined)?.data;
  if (typeof data !== 'string') {
    throw new DecodeError(
      `Invalid input: a Firehose record must have data as a base64 string; received ${describeValue(data)}`,
      { code: 'invalid-input' },
    );
  }
  return decodeSubscriptionMessage(data, options);
}
