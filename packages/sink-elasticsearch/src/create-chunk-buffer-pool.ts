/**
 * Buffers for `_bulk` chunk bodies, handed out by `allocate` and given back by `release` once the
 * chunk is done, so one sink reuses a couple of `maxBytes` buffers instead of leaving one per
 * chunk to the garbage collector. Large buffers live outside the JavaScript heap and are freed
 * only when their owner object is collected, which is late: without reuse, a batch of five 5 MiB
 * chunks held about 25 MiB of finished bodies at its peak.
 *
 * @example
 * ```ts
 * const pool: ChunkBufferPool = createChunkBufferPool(2);
 * const bytes = pool.allocate(5_242_880);
 * pool.release(bytes.subarray(0, 100)); // any view of it gives it back
 * ```
 */
export interface ChunkBufferPool {
  /** A buffer of at least `byteLength` bytes: a released one when one is large enough. */
  readonly allocate: (byteLength: number) => Uint8Array;
  /**
   * Gives back the buffer `bytes` is a view of. Only call it once nothing reads the buffer any
   * more (its request answered, its compression done). Views of unknown buffers are ignored.
   */
  readonly release: (bytes: Uint8Array) => void;
}

/**
 * Creates a {@link ChunkBufferPool} that keeps at most `maxFree` released buffers.
 *
 * @example
 * ```ts
 * const pool = createChunkBufferPool(2);
 * const chunks = encodeBulkChunks(records, { encode, allocate: pool.allocate });
 * ```
 */
export function createChunkBufferPool(maxFree: number): ChunkBufferPool {
  const free: Uint8Array[] = [];
  // Keyed by the backing store, because chunks and bisected halves are views of the buffer (which
  // is why buffers come from `allocUnsafeSlow`: small `allocUnsafe` buffers share one store).
  const lent = new WeakMap<ArrayBufferLike, Uint8Array>();
  return {
    allocate(byteLength) {
      const index = free.findIndex((buffer) => buffer.length >= byteLength);
      const buffer =
        index === -1
          ? Buffer.allocUnsafeSlow(byteLength)
          : (free.splice(index, 1)[0] as Uint8Array);
      lent.set(buffer.buffer, buffer);
      return buffer;
    },
    release(bytes) {
      const buffer = lent.get(bytes.buffer);
      if (buffer === undefined) return;
      lent.delete(bytes.buffer);
      if (free.length < maxFree) free.push(buffer);
    },
  };
}
