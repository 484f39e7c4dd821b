import { describeReceived } from './describe-received';
import type { BulkChunk } from './encode-bulk-chunks';
import { BulkError } from './errors';

function createChunk(chunk: BulkChunk, start: number, end: number): BulkChunk {
  const from = start === 0 ? 0 : (chunk.operationEnds[start - 1] as number);
  const to = chunk.operationEnds[end - 1] as number;
  return {
    kind: 'chunk',
    bytes: chunk.bytes.subarray(from, to),
    byteLength: to - from,
    operationIndices: chunk.operationIndices.slice(start, end),
    operationEnds: chunk.operationEnds.slice(start, end).map((operationEnd) => operationEnd - from),
  };
}

/**
 * Splits a chunk into two halves (the first gets the extra operation when the count is odd), for
 * retrying a request the cluster answered with 413 Payload Too Large. A chunk of one operation
 * cannot be split and is returned alone: the caller then treats that operation as too large for
 * this cluster.
 *
 * @throws {BulkError} `invalid-argument` when `chunk` is not a chunk yielded by
 * `encodeBulkChunks` (no operations, or `operationEnds` that do not match the indices and the bytes).
 *
 * @example
 * ```ts
 * if (classifyBulkHttpStatus(response.status) === 'split') {
 *   const halves = splitBulkChunk(chunk);
 *   if (halves.length === 1) markRejected(chunk.operationIndices[0]!, 'too large for the cluster');
 *   else pending.unshift(...halves);
 * }
 * ```
 */
export function splitBulkChunk(
  chunk: BulkChunk,
): readonly [BulkChunk] | readonly [BulkChunk, BulkChunk] {
  const count = chunk?.operationIndices?.length;
  if (
    typeof count !== 'number' ||
    count === 0 ||
    !(chunk.bytes instanceof Uint8Array) ||
    !Array.isArray(chunk.operationEnds) ||
    chunk.operationEnds.length !== count ||
    chunk.operationEnds[count - 1] !== chunk.bytes.byteLength
  ) {
    throw new BulkError(
      `splitBulkChunk needs a chunk from encodeBulkChunks with one index per operation; received ${describeReceived(chunk)}`,
      { code: 'invalid-argument' },
    );
  }
  if (count === 1) return [chunk];
  const middle = Math.ceil(count / 2);
  return [createChunk(chunk, 0, middle), createChunk(chunk, middle, count)];
}
