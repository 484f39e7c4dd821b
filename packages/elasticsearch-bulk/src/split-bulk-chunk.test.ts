import { describe, expect, it } from 'vitest';
import { type BulkChunk, encodeBulkChunks } from './encode-bulk-chunks';
import { splitBulkChunk } from './split-bulk-chunk';

function createChunk(count: number): BulkChunk {
  const operations = Array.from({ length: count }, (_, index) => ({
    action: 'create' as const,
    index: 'i',
    id: String(index),
    source: { m: 'é'.repeat(index) },
  }));
  const [chunk] = [...encodeBulkChunks(operations)];
  if (chunk?.kind !== 'chunk') throw new Error('expected one chunk');
  return chunk;
}

const textOf = (chunk: BulkChunk) => Buffer.from(chunk.bytes).toString('utf8');

describe('splitBulkChunk', () => {
  it('splits into two halves with their own bodies, sizes and indices; the first gets the odd one', () => {
    const chunk = createChunk(5);
    const [first, second] = splitBulkChunk(chunk);
    expect(first?.operationIndices).toEqual([0, 1, 2]);
    expect(second?.operationIndices).toEqual([3, 4]);
    expect(textOf(first!) + textOf(second!)).toBe(textOf(chunk));
    expect(first!.byteLength).toBe(Buffer.byteLength(textOf(first!)));
    expect(second!.byteLength).toBe(Buffer.byteLength(textOf(second!)));
    expect(first!.byteLength + second!.byteLength).toBe(chunk.byteLength);
    expect(first!.operationEnds).toEqual(chunk.operationEnds.slice(0, 3));
    expect(second!.operationEnds).toEqual(
      chunk.operationEnds.slice(3).map((end) => end - first!.byteLength),
    );
    // Halves are views of the chunk's bytes: a 413 costs no copy.
    expect(first!.bytes.buffer).toBe(chunk.bytes.buffer);
  });

  it('returns a chunk of one operation alone: it cannot be split', () => {
    const chunk = createChunk(1);
    const result = splitBulkChunk(chunk);
    expect(result).toHaveLength(1);
    expect(result[0]).toBe(chunk);
  });

  it('bisects down to single operations that together are the original chunk', () => {
    const chunk = createChunk(13);
    const pending: BulkChunk[] = [chunk];
    const singles: BulkChunk[] = [];
    while (pending.length > 0) {
      const next = pending.shift()!;
      const parts = splitBulkChunk(next);
      if (parts.length === 1) singles.push(next);
      else pending.unshift(...parts);
    }
    expect(singles.map((single) => single.operationIndices[0])).toEqual([...Array(13).keys()]);
    expect(singles.map(textOf).join('')).toBe(textOf(chunk));
    for (const single of singles) expect(single.operationEnds).toEqual([single.byteLength]);
  });

  it('refuses something that is not a chunk from encodeBulkChunks', () => {
    for (const value of [
      null,
      {},
      { bytes: new Uint8Array(0), operationIndices: [], operationEnds: [] },
      { bytes: new Uint8Array(4), operationIndices: [0], operationEnds: [] },
      { bytes: new Uint8Array(4), operationIndices: [0], operationEnds: [3] },
      { bytes: 'text', operationIndices: [0], operationEnds: [4] },
    ]) {
      expect(() => splitBulkChunk(value as unknown as BulkChunk)).toThrow(
        expect.objectContaining({
          code: 'invalid-argument',
          message: expect.stringContaining('splitBulkChunk needs a chunk from encodeBulkChunks'),
        }),
      );
    }
  });
});
