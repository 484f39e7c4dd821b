import {
  type BulkChunk,
  type DocumentMapper,
  encodeBulkChunks,
  splitBulkChunk,
} from '@logferry/elasticsearch-bulk';
import type { RecordOutcome, SendResult, SinkRecord } from '@logferry/sink';
import type { ChunkBufferPool } from './create-chunk-buffer-pool';
import type { EncodedRequestBody } from './encode-request-body';
import {
  type BulkRequestContext,
  prepareChunkBody,
  type SendTally,
  sendBulkChunk,
} from './send-bulk-chunk';

/**
 * What {@link deliverRecords} needs: how to turn records into chunks, and how to send them.
 *
 * @example
 * ```ts
 * const context: DeliveryContext = { mapper, maxBytes: 5_242_880, maxOperations: 5_000, request, buffers: createChunkBufferPool(2) };
 * ```
 */
export interface DeliveryContext {
  readonly mapper: DocumentMapper<SinkRecord>;
  readonly maxBytes: number;
  readonly maxOperations: number;
  readonly request: BulkRequestContext;
  /** Where chunk bodies are written; a chunk's buffer goes back once every request for it is answered. */
  readonly buffers: ChunkBufferPool;
}

const NOT_CONFIRMED: RecordOutcome = Object.freeze({
  status: 'retryable',
  reason:
    'not confirmed: send() was aborted (by the caller’s signal or close()) before the request carrying this record completed',
  errorType: 'aborted',
});

/** A chunk whose request body is being prepared (compressed on the thread pool). */
interface PreparedChunk {
  readonly chunk: BulkChunk;
  /** Started ahead of time; `undefined` when it is prepared as the chunk is sent. */
  readonly body?: Promise<EncodedRequestBody>;
}

/**
 * Delivers records chunk by chunk with one chunk of lookahead — while a chunk compresses and is
 * sent, the next one is encoded on this thread, so at most two request bodies are in memory — and
 * returns exactly one outcome per record, in input order. Records are taken from the iterable
 * only as chunks are built, so a lazy sequence is never held whole. With an array, every record
 * gets an outcome; with a sequence (`expectedCount` undefined), every record taken does.
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
  records: Iterable<SinkRecord>,
  signals: readonly (AbortSignal | undefined)[],
  expectedCount?: number,
): Promise<SendResult> {
  const outcomes: (RecordOutcome | undefined)[] = [];
  let taken = 0;
  let exhausted = false;
  // Counts what the chunker takes, and notices the end of the input: the chunk yielded after it
  // is the last one.
  const counted: Iterable<SinkRecord> = {
    [Symbol.iterator]: () => {
      const iterator = records[Symbol.iterator]();
      return {
        next: () => {
          const step = iterator.next();
          if (step.done === true) exhausted = true;
          else taken += 1;
          return step;
        },
      };
    },
  };
  const tally: SendTally = { requests: 0, bytesSent: 0 };
  const isAborted = () => signals.some((signal) => signal?.aborted === true);
  const { maxBytes, maxOperations } = context;
  const results = encodeBulkChunks(counted, {
    encode: context.mapper.encodeOperation,
    maxBytes,
    maxOperations,
    allocate: context.buffers.allocate,
  });
  /** The next chunk, its body already started; records that cannot be sent get their outcome. */
  const prepareNextChunk = (): PreparedChunk | undefined => {
    // `next()` by hand: leaving a for-of loop early would close the generator.
    for (let step = results.next(); step.done !== true; step = results.next()) {
      const result = step.value;
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
      // Parallel pieces only for the last chunk: nothing is built after it, so this thread waits
      // and the cores are free. Earlier chunks compress as one stream on one core while this
      // thread builds the next chunk on the other.
      return {
        chunk: result,
        body: prepareChunkBody(context.request, result, { parallel: exhausted }),
      };
    }
    return undefined;
  };
  let upcoming = isAborted() ? undefined : prepareNextChunk();
  chunks: while (upcoming !== undefined) {
    // Depth first: the first half of a bisected chunk is settled before the second is sent.
    const pending: PreparedChunk[] = [upcoming];
    const { bytes } = upcoming.chunk;
    // Its buffer is reused only if every request carrying it got an answer: after a timeout or a
    // connection failure, the socket may still be reading it.
    let answeredInFull = true;
    // Encoding the next chunk here overlaps with this one compressing on the thread pool.
    upcoming = prepareNextChunk();
    while (pending.length > 0) {
      if (isAborted()) break chunks;
      const { chunk, body } = pending.pop()!;
      const answer = await sendBulkChunk(context.request, chunk, signals, tally, body);
      if (answer.kind === 'aborted') break chunks;
      if (answer.kind === 'outcomes') {
        if (!answer.answered) answeredInFull = false;
        answer.outcomes.forEach((outcome, position) => {
          outcomes[chunk.operationIndices[position]!] = outcome;
        });
        continue;
      }
      const halves = splitBulkChunk(chunk);
      if (halves.length === 2) {
        // The second half's body is prepared only once the first is settled, to bound memory.
        pending.push({ chunk: halves[1] }, { chunk: halves[0] });
        continue;
      }
      outcomes[chunk.operationIndices[0]!] = {
        status: 'rejected',
        reason: `${answer.reason} (the document was sent alone, ${chunk.byteLength} bytes before compression: it is too large for this cluster)`,
        errorType: 'document-too-large',
        httpStatus: 413,
      };
    }
    if (answeredInFull) context.buffers.release(bytes);
  }
  const count = expectedCount ?? taken;
  for (let index = 0; index < count; index += 1) {
    outcomes[index] ??= NOT_CONFIRMED;
  }
  return {
    outcomes: outcomes as RecordOutcome[],
    requests: tally.requests,
    bytesSent: tally.bytesSent,
  };
}
