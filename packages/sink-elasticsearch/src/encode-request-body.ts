import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const gzipAsync = promisify(zlib.gzip);
const deflateRawAsync = promisify(zlib.deflateRaw);

/** Bodies below this many bytes per thread are not worth splitting: one stream is cheaper. */
const MIN_PIECE_BYTES = 256 * 1024;
/** libuv's default thread pool has 4 threads; more pieces than that would only queue. */
const MAX_PIECES = 4;
/** Deflate's window: each piece may refer back this far into the previous one. */
const WINDOW_BYTES = 32 * 1024;
/**
 * The output buffer for compressing `inputBytes`: a quarter of the input, so a body of ordinary
 * logs (5–8:1 at level 1) compresses in ONE thread-pool job. With a smaller buffer — zlib's 16 KiB
 * default, or the 128 KiB used before — every full buffer ended the job and waited for this
 * thread to pick up the output and queue the next one, and this thread is busy building the next
 * chunk, so the compression stalled. Data that compresses less takes a few more jobs. A buffer
 * sized for zlib's worst case (the whole input) measured slower: 1.50× the floor against 1.38×
 * on the Lambda benchmark's typical batch.
 */
function outputBufferBytes(inputBytes: number): number {
  return Math.max(64 * 1024, Math.ceil(inputBytes / 4));
}

/** `zlib.crc32` arrived in Node.js 20.15; without it, bodies are compressed as one stream. */
const computeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/**
 * A request body as it goes on the wire.
 *
 * @example
 * ```ts
 * const body: EncodedRequestBody = { bytes: Buffer.from('{}\n'), contentEncoding: undefined };
 * ```
 */
export interface EncodedRequestBody {
  readonly bytes: Uint8Array;
  /** `gzip` when `bytes` are compressed, `undefined` when they are the NDJSON itself. */
  readonly contentEncoding: 'gzip' | undefined;
}

function countPieces(byteLength: number, parallel: boolean): number {
  if (!parallel || computeCrc32 === undefined) return 1;
  return Math.max(
    1,
    Math.min(MAX_PIECES, availableParallelism(), Math.floor(byteLength / MIN_PIECE_BYTES)),
  );
}

/**
 * One gzip member made of `pieces` raw deflate streams compressed in parallel on the thread pool,
 * the way pigz does it: every piece but the last ends on a byte-aligned sync flush, so the pieces
 * concatenate into one valid deflate stream, and each piece is primed with the last 32 KiB of the
 * one before, so the ratio stays that of a single stream. A single member matters: not every
 * server's gzip decoder reads past the first member of a body.
 */
async function gzipInPieces(
  plain: Buffer,
  gzipLevel: number,
  pieces: number,
  crc32: (data: Uint8Array) => number,
): Promise<Buffer> {
  const pieceLength = Math.ceil(plain.length / pieces);
  const deflating: Promise<Buffer>[] = [];
  for (let start = 0; start < plain.length; start += pieceLength) {
    const end = Math.min(start + pieceLength, plain.length);
    deflating.push(
      deflateRawAsync(plain.subarray(start, end), {
        level: gzipLevel,
        chunkSize: outputBufferBytes(end - start),
        finishFlush: end === plain.length ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
        ...(start === 0
          ? {}
          : { dictionary: plain.subarray(Math.max(0, start - WINDOW_BYTES), start) }),
      }),
    );
  }
  // The checksum runs on this thread while the pieces compress on the pool.
  const checksum = crc32(plain);
  const deflated = await Promise.all(deflating);
  // RFC 1952: magic, deflate, no flags, no mtime, no extra flags, OS unknown.
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(checksum >>> 0, 0);
  trailer.writeUInt32LE(plain.length >>> 0, 4);
  return Buffer.concat([header, ...deflated, trailer]);
}

/**
 * Encodes an NDJSON body to UTF-8 once (unless it is given as UTF-8 bytes already) and, with `gzip`, compresses it on libuv's thread pool (so
 * timers and abort signals keep firing meanwhile). A body of 512 KiB or more is split into up to
 * four pieces (at most one per CPU) that compress in parallel into one gzip stream, unless
 * `parallel` is `false` (the caller has other work for the CPUs meanwhile). A compressed
 * body that is not smaller than the original is dropped in favour of the original: the body on
 * the wire is then never larger than the byte limit the chunk was built to, whatever the content.
 *
 * @example
 * ```ts
 * const body = await encodeRequestBody('{"create":{"_index":"logs"}}\n{"message":"hi"}\n', 'gzip', 1);
 * body.contentEncoding; // 'gzip' when it saved bytes, else undefined
 * ```
 */
export async function encodeRequestBody(
  ndjson: string | Uint8Array,
  compression: 'gzip' | 'none',
  gzipLevel: number,
  parallel = true,
): Promise<EncodedRequestBody> {
  const plain =
    typeof ndjson === 'string'
      ? Buffer.from(ndjson, 'utf8')
      : Buffer.from(ndjson.buffer, ndjson.byteOffset, ndjson.byteLength);
  if (compression === 'none') return { bytes: plain, contentEncoding: undefined };
  const pieces = countPieces(plain.length, parallel);
  const compressed =
    pieces > 1 && computeCrc32 !== undefined
      ? await gzipInPieces(plain, gzipLevel, pieces, computeCrc32)
      : await gzipAsync(plain, { level: gzipLevel, chunkSize: outputBufferBytes(plain.length) });
  return compressed.length < plain.length
    ? { bytes: compressed, contentEncoding: 'gzip' }
    : { bytes: plain, contentEncoding: undefined };
}
