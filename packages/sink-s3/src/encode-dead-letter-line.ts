import type { DeadLetterEntry } from '@logferry/sink';
import { toArchiveLineFields } from './archive-line-fields';
import { stringifyLine } from './stringify-line';

/**
 * Encodes one dead-letter entry as an NDJSON line (without the trailing `\n`). Keys come in a
 * fixed order; optional ones only when present.
 *
 * A rejected record keeps the sink, reason and time of the failure, and the record itself in the
 * archive line format (see `encodeArchiveLine`), so it replays like an archived event:
 *
 * ```json
 * {"kind":"rejected-record","sink":"elasticsearch","failedAt":"2024-06-01T00:00:05.000Z",
 *  "reason":"failed to parse field [status]","errorType":"mapper_parsing_exception","httpStatus":400,
 *  "record":{"id":"3699…","timestamp":1717200000000,"message":"…", … }}
 * ```
 *
 * An undecodable Kinesis record keeps its data exactly as received (base64):
 *
 * ```json
 * {"kind":"undecodable-record","failedAt":"2024-06-01T00:00:05.000Z","reason":"Expected gzip data; …",
 *  "errorType":"invalid-gzip","shardId":"shardId-000000000000","sequenceNumber":"4959…",
 *  "approximateArrivalTimestamp":1717200000150,"data":"bm90IGd6aXA="}
 * ```
 *
 * {@link parseDeadLetterLine} reverses it.
 *
 * @example
 * ```ts
 * const line = encodeDeadLetterLine(entry);
 * parseDeadLetterLine(line); // deep-equals entry
 * ```
 */
export function encodeDeadLetterLine(entry: DeadLetterEntry): string {
  if (entry.kind === 'rejected-record') {
    return stringifyLine({
      kind: entry.kind,
      sink: entry.sink,
      failedAt: entry.failedAt,
      reason: entry.reason,
      ...(entry.errorType === undefined ? {} : { errorType: entry.errorType }),
      ...(entry.httpStatus === undefined ? {} : { httpStatus: entry.httpStatus }),
      record: toArchiveLineFields(entry.record),
    });
  }
  return stringifyLine({
    kind: entry.kind,
    failedAt: entry.failedAt,
    reason: entry.reason,
    errorType: entry.errorType,
    shardId: entry.shardId,
    sequenceNumber: entry.sequenceNumber,
    ...(entry.approximateArrivalTimestamp === undefined
      ? {}
      : { approximateArrivalTimestamp: entry.approximateArrivalTimestamp }),
    data: entry.data,
  });
}
