import type { SinkRecord } from '@logferry/sink';
import { toArchiveLineFields } from './archive-line-fields';
import { stringifyLine } from './stringify-line';

/**
 * Encodes one log event as an archive line (without the trailing `\n`): a JSON object with the
 * event and all its CloudWatch and Kinesis metadata, so the archive is self-describing and
 * replayable.
 *
 * ```json
 * {"id":"3699…136","timestamp":1717200000000,"message":"START RequestId: …","owner":"123456789012",
 *  "logGroup":"/aws/lambda/checkout-api","logStream":"2024/06/01/[$LATEST]0a1b…","subscriptionFilters":["logferry"],
 *  "shardId":"shardId-000000000000","sequenceNumber":"4959…898","recordIndex":0,"eventIndex":0,
 *  "approximateArrivalTimestamp":1717200000150}
 * ```
 *
 * Keys always come in this order; `extractedFields` (after `message`), `policyLevel` (after
 * `subscriptionFilters`) and `approximateArrivalTimestamp` appear only when the record has them.
 * The message is stored exactly (JSON escapes, plus `\u2028`/`\u2029` escaped so no line reader
 * splits a line). {@link parseArchiveLine} reverses it.
 *
 * @example
 * ```ts
 * const line = encodeArchiveLine(record);
 * parseArchiveLine(line); // deep-equals record
 * ```
 */
export function encodeArchiveLine(record: SinkRecord): string {
  return stringifyLine(toArchiveLineFields(record));
}
