import { describe, expect, it } from 'vitest';
import { createChunkBufferPool } from './create-chunk-buffer-pool';

describe('createChunkBufferPool', () => {
  it('hands a released buffer out again when it is large enough', () => {
    const pool = createChunkBufferPool(2);
    const first = pool.allocate(1024);
    pool.release(first.subarray(0, 10));
    expect(pool.allocate(512)).toBe(first);
    expect(pool.allocate(512)).not.toBe(first);
  });

  it('never hands out a buffer that is still lent, nor one too small', () => {
    const pool = createChunkBufferPool(2);
    const small = pool.allocate(100);
    const lent = pool.allocate(1024);
    pool.release(small);
    const next = pool.allocate(1024);
    expect(next).not.toBe(small);
    expect(next).not.toBe(lent);
    expect(next.length).toBeGreaterThanOrEqual(1024);
  });

  it('keeps at most maxFree buffers, and ignores double and foreign releases', () => {
    const pool = createChunkBufferPool(1);
    const [first, second] = [pool.allocate(64), pool.allocate(64)];
    pool.release(first);
    pool.release(first);
    pool.release(second);
    pool.release(new Uint8Array(64));
    expect(pool.allocate(64)).toBe(first);
    const fresh = pool.allocate(64);
    expect(fresh).not.toBe(second);
  });
});
