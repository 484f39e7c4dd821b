import {
  type BulkChunk,
  type DocumentMapper,
  encodeBulkChunks,
  splitBulkChunk,
} from '@logferry/elasticsearch-bulk';
import type { RecordOutcome, SendResult, SinkRecord } from '@logferry/sink';
import { type BulkRequestContext, type SendTally, sendBulkChunk } from './send-bulk-chunk';

/**
 * What {@link deliverRecords} needs: how to turn records into chunks, and how to send them.
 *
 * @example
 * ```ts
 * const context: DeliveryContext = { mapper, maxBytes: 5_242_880, maxOperations: 5_000, request };
 * ```
 */
export interface DeliveryContext {
  readonly mapper: DocumentMapper<SinkRecord>;
  readonly maxBytes: number;
  readonly maxOperations: number;
  readonly request: BulkRequestContext;
}

const NOT_CONFIRMED: RecordOutcome = Object.freeze({
  status: 'retryable',
  reason:
    'not confirmed: send() was aborted (by the caller’s signal or close()) before the request carrying this record completed',
  errorType: 'aborted',
});

/**
 * Delivers records chunk by chunk — each chunk encoded only when the previous one is answered, so
 * at most one request body is in memory — and returns exactly one outcome per record, in input
 * order.
 *
 * - A record that cannot be encoded, or that is over `maxBytes` on its own, is `rejected` without
 *   being sent (the delivery loop dead-letters it).
 * - A 413 bisects the chunk and sends the halves, depth first, down to single documents; one that
 *   still gets 413 alone is `rejected`. This is the only case where records are sent again.
 * - A whole-request failure (429, 5xx, timeout, connection) makes that chunk's records
 *   `retryable`; later chunks are still sent and keep their own outcomes.
 * - Once a signal aborts, nothing more is sent and every record not yet confirmed is `retryable`.
 *
 * @throws {SinkError} `authentication`/`configuration` from {@link sendBulkChunk}.
 *
 * @example
 * ```ts
 * const result = await deliverRecords(context, records, [options.signal, closing.signal]);
 * ```
 */
export async function deliverRecords(
  context: DeliveryContext,
  records: readonly SinkRecord[],
  signals: readonly (AbortSignal | undefined)[],
): Promise<SendResult> {
  const outcomes = new Array<RecordOutcome | undefined>(records.length);
  const tally: SendTally = { requests: 0, bytesSent: 0 };
  const isAborted = () => signals.some((signal) => signal?.aborted === true);
  const { maxBytes, maxOperations } = context;
  chunks: for (const result of encodeBulkChunks(records, {
    encode: context.mapper.encodeOperation,
    maxBytes,
    maxOperations,
  })) {
    if (result.kind === 'invalid') {
      outcomes[result.operationIndex] = {
        status: 'rejected',
        reason: `the record cannot be turned into a document: ${result.error.message}`,
        errorType: result.error.code,
      };
      continue;
    }
    if (result.kind === 'oversized') {
      outcomes[result.operationIndex] = {
        status: 'rejected',
        reason: `the document is ${result.byteLength} bytes as NDJSON, above option maxBytes (${result.maxBytes}); no _bulk request can carry it, so it was not sent`,
        errorType: 'document-too-large',
      };
      continue;
    }
    // Depth first: the first half of a bisected chunk is settled before the second is sent.
    const pending: BulkChunk[] = [result];
    while (pending.length > 0) {
      if (isAborted()) break chunks;
      const chunk = pending.pop()!;
      const answer = await sendBulkChunk(context.request, chunk, signals, tally);
      if (answer.kind === 'aborted') break chunks;
      if (answer.kind === 'outcomes') {
        answer.outcomes.forEach((outcome, position) => {
          outcomes[chunk.operationIndices[position]!] = outcome;
        });
        continue;
      }
      const halves = splitBulkChunk(chunk);
      if (halves.length === 2) {
        pending.push(halves[1], halves[0]);
        continue;
      }
      outcomes[chunk.operationIndices[0]!] = {
        status: 'rejected',
        reason: `${answer.reason} (the document was sent alone, ${chunk.byteLength} bytes before compression: it is too large for this cluster)`,
        errorType: 'document-too-large',
        httpStatus: 413,
      };
    }
  }
  for (let index = 0; index < outcomes.length; index += 1) {
    outcomes[index] ??= NOT_CONFIRMED;
  }
  return {
    outcomes: outcomes as RecordOutcome[],
    requests: tally.requests,
    bytesSent: tally.bytesSent,
  };
}
