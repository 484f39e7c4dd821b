import { describe, expect, it } from 'vitest';
import type { BulkOperation } from './bulk-operation';
import { type BulkChunkResult, encodeBulkChunks } from './encode-bulk-chunks';
import { encodeBulkOperation } from './encode-bulk-operation';
import { BulkError } from './errors';

/** An operation whose encoded text is exactly `36 + message.length` bytes for ASCII messages. */
function operation(id: string, message: string): BulkOperation {
  return { action: 'create', index: 'i', id, source: { m: message } };
}

function summarize(results: Iterable<BulkChunkResult>): unknown[] {
  return [...results].map((result) =>
    result.kind === 'chunk'
      ? { chunk: result.operationIndices, bytes: result.byteLength }
      : result.kind === 'oversized'
        ? { oversized: result.operationIndex, bytes: result.byteLength }
        : { invalid: result.operationIndex, code: result.error.code },
  );
}

describe('encodeBulkChunks', () => {
  it('puts all operations in one chunk when they fit, with the exact body', () => {
    const [chunk, ...rest] = [...encodeBulkChunks([operation('1', 'a'), operation('2', 'b')])];
    expect(rest).toEqual([]);
    expect(chunk).toEqual({
      kind: 'chunk',
      bytes: Buffer.from(
        '{"create":{"_index":"i","_id":"1"}}\n{"m":"a"}\n' +
          '{"create":{"_index":"i","_id":"2"}}\n{"m":"b"}\n',
      ),
      byteLength: 92,
      operationIndices: [0, 1],
      operationEnds: [46, 92],
    });
  });

  it('grows its buffer past 8 MiB when maxBytes allows, keeping every byte', () => {
    const message = 'é'.repeat(1_000_000); // 2 MB of UTF-8 per operation
    const operations = Array.from({ length: 6 }, (_, index) => operation(String(index), message));
    const [chunk, ...rest] = [...encodeBulkChunks(operations, { maxBytes: 64 * 1024 * 1024 })];
    expect(rest).toEqual([]);
    if (chunk?.kind !== 'chunk') throw new Error('expected a chunk');
    expect(chunk.byteLength).toBe(6 * encodeBulkOperation(operations[0]!).byteLength);
    expect(chunk.byteLength).toBeGreaterThan(8 * 1024 * 1024);
    expect(
      Buffer.from(chunk.bytes).equals(
        Buffer.from(operations.map((each) => encodeBulkOperation(each).text).join('')),
      ),
    ).toBe(true);
  });

  it('writes chunks into buffers from option allocate, so a caller can reuse them', () => {
    const operations = ['a', 'b', 'c', 'd', 'e'].map((message, index) =>
      operation(String(index), message),
    );
    const free: Uint8Array[] = [];
    const asked: number[] = [];
    let created = 0;
    const allocate = (byteLength: number) => {
      asked.push(byteLength);
      const reused = free.pop();
      if (reused !== undefined) return reused;
      created += 1;
      return new Uint8Array(byteLength);
    };
    const texts: string[] = [];
    for (const result of encodeBulkChunks(operations, { maxBytes: 92, allocate })) {
      if (result.kind !== 'chunk') throw new Error(result.kind);
      texts.push(Buffer.from(result.bytes).toString('utf8'));
      // Done with this chunk: its buffer goes back to the pool for the next one.
      free.push(new Uint8Array(result.bytes.buffer, result.bytes.byteOffset, 92));
    }
    expect(created).toBe(1);
    expect(asked).toEqual([92, 92, 92]);
    expect(texts.join('')).toBe(operations.map((each) => encodeBulkOperation(each).text).join(''));
  });

  it('refuses an allocate option that is not a function or returns too small a buffer', () => {
    expect(() => encodeBulkChunks([], { allocate: 5 as never })).toThrow(
      expect.objectContaining({
        code: 'invalid-options',
        message: expect.stringContaining('Option allocate must be a function'),
      }),
    );
    const results = encodeBulkChunks([operation('0', 'a')], { allocate: () => new Uint8Array(3) });
    expect(() => results.next()).toThrow(
      expect.objectContaining({
        code: 'invalid-options',
        message: expect.stringContaining('at least the 5242880 bytes'),
      }),
    );
  });

  it('reports an operation whose declared byteLength is not its UTF-8 size as invalid', () => {
    const honest = encodeBulkOperation(operation('0', 'é'));
    const longer = { ...honest, text: `${honest.text} ` } as typeof honest;
    const shorter = { ...honest, byteLength: honest.byteLength + 1 } as typeof honest;
    const results = [...encodeBulkChunks([honest, longer, shorter, honest])];
    expect(summarize(results)).toEqual([
      { invalid: 1, code: 'invalid-operation' },
      { invalid: 2, code: 'invalid-operation' },
      { chunk: [0, 3], bytes: 2 * honest.byteLength },
    ]);
    expect(results[0]).toMatchObject({
      error: { message: expect.stringContaining('declares byteLength 47') },
    });
  });

  it('cuts chunks by bytes on operation boundaries, filling each up to exactly maxBytes', () => {
    // Each operation is 46 bytes: two fit in 92, a third does not.
    const operations = ['a', 'b', 'c', 'd', 'e'].map((message, index) =>
      operation(String(index), message),
    );
    expect(summarize(encodeBulkChunks(operations, { maxBytes: 92 }))).toEqual([
      { chunk: [0, 1], bytes: 92 },
      { chunk: [2, 3], bytes: 92 },
      { chunk: [4], bytes: 46 },
    ]);
    expect(summarize(encodeBulkChunks(operations, { maxBytes: 91 }))).toEqual([
      { chunk: [0], bytes: 46 },
      { chunk: [1], bytes: 46 },
      { chunk: [2], bytes: 46 },
      { chunk: [3], bytes: 46 },
      { chunk: [4], bytes: 46 },
    ]);
  });

  it('measures UTF-8 bytes: multi-byte messages fill a chunk sooner', () => {
    // '📦' is 2 UTF-16 code units but 4 UTF-8 bytes: each operation is 49 bytes.
    const operations = ['📦', '📦', '📦'].map((message, index) =>
      operation(String(index), message),
    );
    expect(summarize(encodeBulkChunks(operations, { maxBytes: 97 }))).toEqual([
      { chunk: [0], bytes: 49 },
      { chunk: [1], bytes: 49 },
      { chunk: [2], bytes: 49 },
    ]);
    expect(summarize(encodeBulkChunks(operations, { maxBytes: 98 }))).toEqual([
      { chunk: [0, 1], bytes: 98 },
      { chunk: [2], bytes: 49 },
    ]);
  });

  it('cuts chunks by operation count', () => {
    const operations = ['a', 'b', 'c', 'd', 'e'].map((message, index) =>
      operation(String(index), message),
    );
    expect(summarize(encodeBulkChunks(operations, { maxOperations: 2 }))).toEqual([
      { chunk: [0, 1], bytes: 92 },
      { chunk: [2, 3], bytes: 92 },
      { chunk: [4], bytes: 46 },
    ]);
  });

  it('reports an operation larger than maxBytes in its place instead of dropping it', () => {
    const big = operation('big', 'x'.repeat(100));
    const results = [
      ...encodeBulkChunks([operation('0', 'a'), big, operation('2', 'c')], { maxBytes: 100 }),
    ];
    expect(summarize(results)).toEqual([
      { oversized: 1, bytes: 147 },
      { chunk: [0, 2], bytes: 92 },
    ]);
    expect(results[0]).toMatchObject({
      kind: 'oversized',
      maxBytes: 100,
      operation: encodeBulkOperation(big),
    });
  });

  it('reports operations that cannot be encoded as invalid, keeping the others', () => {
    const results = [
      ...encodeBulkChunks([
        operation('0', 'a'),
        { action: 'update', index: 'i', source: {} } as unknown as BulkOperation,
        operation('2', 'c'),
      ]),
    ];
    expect(summarize(results)).toEqual([
      { invalid: 1, code: 'invalid-operation' },
      { chunk: [0, 2], bytes: 92 },
    ]);
  });

  it('accepts operations encoded already, without measuring them again', () => {
    const encoded = encodeBulkOperation(operation('0', 'a'));
    expect(summarize(encodeBulkChunks([encoded, operation('1', 'b')]))).toEqual([
      { chunk: [0, 1], bytes: 92 },
    ]);
  });

  it('encodes items lazily with the encode option, one chunk at a time', () => {
    const encoded: number[] = [];
    const items = [0, 1, 2, 3, 4];
    const results = encodeBulkChunks(items, {
      maxOperations: 2,
      encode: (item) => {
        encoded.push(item);
        return operation(String(item), 'a');
      },
    });
    expect(encoded).toEqual([]);
    const first = results.next();
    expect(first.value).toMatchObject({ kind: 'chunk', operationIndices: [0, 1] });
    // The third item was encoded to learn that the first chunk was full; the rest were not.
    expect(encoded).toEqual([0, 1, 2]);
    expect(summarize(results)).toEqual([
      { chunk: [2, 3], bytes: 92 },
      { chunk: [4], bytes: 46 },
    ]);
  });

  it('turns a BulkError thrown by encode into an invalid result at the item index', () => {
    const failure = new BulkError('bad event', { code: 'invalid-event' });
    const results = [
      ...encodeBulkChunks(['a', 'bad', 'c'], {
        encode: (item) => {
          if (item === 'bad') throw failure;
          return operation(item, item);
        },
      }),
    ];
    expect(results[0]).toEqual({ kind: 'invalid', operationIndex: 1, error: failure });
    expect(summarize(results.slice(1))).toEqual([{ chunk: [0, 2], bytes: 92 }]);
  });

  it('lets other errors thrown by encode propagate', () => {
    const results = encodeBulkChunks(['a'], {
      encode: () => {
        throw new TypeError('bug');
      },
    });
    expect(() => results.next()).toThrow(TypeError);
  });

  it('yields nothing for no operations', () => {
    expect([...encodeBulkChunks([])]).toEqual([]);
  });

  it('validates its arguments at call time, before any iteration', () => {
    const cases: [unknown, unknown, string, string][] = [
      [
        [],
        { maxBytes: 0 },
        'invalid-options',
        'Option maxBytes must be an integer from 1 to 1073741824; received 0',
      ],
      [[], { maxBytes: 1.5 }, 'invalid-options', 'received 1.5'],
      [[], { maxBytes: '5' }, 'invalid-options', 'received "5"'],
      [[], { maxBytes: 2 ** 31 }, 'invalid-options', 'received 2147483648'],
      [
        [],
        { maxOperations: 0 },
        'invalid-options',
        'Option maxOperations must be an integer from 1 to 1000000',
      ],
      [
        [],
        { encode: 'yes' },
        'invalid-options',
        'Option encode must be a function when given; received "yes"',
      ],
      [null, {}, 'invalid-argument', 'needs an iterable of operations or items'],
      [{ length: 1 }, {}, 'invalid-argument', 'received {"length":1}'],
    ];
    for (const [input, options, code, message] of cases) {
      expect(() => encodeBulkChunks(input as BulkOperation[], options as never)).toThrow(
        expect.objectContaining({
          name: 'BulkError',
          code,
          message: expect.stringContaining(message),
        }),
      );
    }
  });
});
