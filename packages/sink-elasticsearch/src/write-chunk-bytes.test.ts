import { type BulkChunk, encodeBulkChunks } from '@logferry/elasticsearch-bulk';
import { describe, expect, it } from 'vitest';
import { writeChunkBytes } from './write-chunk-bytes';

function firstChunk(messages: readonly string[]): BulkChunk {
  const [result] = encodeBulkChunks(
    messages.map((message, index) => ({
      action: 'create' as const,
      index: 'logs',
      id: `${index}`,
      source: { message },
    })),
  );
  if (result?.kind !== 'chunk') throw new Error(`expected a chunk, got ${result?.kind}`);
  return result;
}

describe('writeChunkBytes', () => {
  it('writes the same UTF-8 bytes as encoding the body, multi-byte characters included', () => {
    const chunk = firstChunk(['GET /orders 200', 'ü 日本語 😀', '', 'line\u2028separator']);
    const bytes = writeChunkBytes(chunk);
    expect(bytes.toString('utf8')).toBe(
      '{"create":{"_index":"logs","_id":"0"}}\n{"message":"GET /orders 200"}\n' +
        '{"create":{"_index":"logs","_id":"1"}}\n{"message":"ü 日本語 😀"}\n' +
        '{"create":{"_index":"logs","_id":"2"}}\n{"message":""}\n' +
        '{"create":{"_index":"logs","_id":"3"}}\n{"message":"line\\u2028separator"}\n',
    );
    expect(bytes.equals(Buffer.from(chunk.body, 'utf8'))).toBe(true);
    expect(bytes.length).toBe(chunk.byteLength);
  });

  it('encodes the body instead when an operation byteLength does not match its text', () => {
    const chunk = firstChunk(['ü first', 'second']);
    const [first, second] = chunk.operations;
    for (const wrongLength of [(first?.byteLength ?? 0) - 1, (first?.byteLength ?? 0) + 1]) {
      const forged = {
        ...chunk,
        operations: [{ ...first, byteLength: wrongLength }, second],
      } as BulkChunk;
      expect(writeChunkBytes(forged).equals(Buffer.from(chunk.body, 'utf8'))).toBe(true);
    }
  });

  it('encodes the body instead when the chunk byteLength is too large', () => {
    const chunk = firstChunk(['a', 'b']);
    const forged = { ...chunk, byteLength: chunk.byteLength + 5 };
    const bytes = writeChunkBytes(forged);
    expect(bytes.equals(Buffer.from(chunk.body, 'utf8'))).toBe(true);
    expect(bytes.length).toBe(chunk.byteLength);
  });
});
