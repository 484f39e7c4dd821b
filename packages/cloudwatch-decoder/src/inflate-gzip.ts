import { createTooLargeError } from './create-too-large-error';
import { describeBytes, describeCause } from './describe-received';
import { DecodeError } from './errors';
import { gunzipPortably } from './gunzip-portably';
import type { NodeRuntime } from './load-node-runtime';

const MIN_CHUNK_BYTES = 16 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;

interface GunzipResultWithInfo {
  readonly buffer: Uint8Array;
  readonly engine: { readonly bytesWritten: number };
}

/**
 * Inflates gzip bytes (one or more concatenated members, nothing else) with `node:zlib` when
 * `runtime` is given and fflate otherwise, never producing more than `maxDecompressedBytes`.
 *
 * `node:zlib`'s `maxOutputLength` aborts inflating as soon as the output passes the cap (checked
 * after every output chunk of at most 1 MiB), so a gzip bomb costs about the cap in memory. zlib silently ignores bytes after the last member
 * when they start with a zero byte; `bytesWritten` exposes that, and such input is rejected so
 * both inflaters accept exactly the same streams.
 *
 * @example
 * ```ts
 * const json = inflateGzip(gzipBytes, 16 * 1024 * 1024, loadNodeRuntime());
 * ```
 */
export function inflateGzip(
  bytes: Uint8Array,
  maxDecompressedBytes: number,
  runtime: NodeRuntime | undefined,
): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new DecodeError(
      `Invalid gzip data: the payload does not start with the gzip magic bytes 1f 8b. Expected one or more complete gzip members (RFC 1952); received ${describeBytes(bytes)}`,
      { code: 'invalid-gzip' },
    );
  }
  if (runtime === undefined) return gunzipPortably(bytes, maxDecompressedBytes);
  let result: GunzipResultWithInfo;
  try {
    result = runtime.gunzipSync(bytes, {
      info: true,
      maxOutputLength: maxDecompressedBytes,
      // zlib's default 16 KiB output chunks suit Kinesis-sized records; larger inputs get larger
      // chunks so a big payload (or a bomb heading for the cap) needs fewer round trips.
      chunkSize: Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, bytes.length * 4)),
    }) as unknown as GunzipResultWithInfo;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw createTooLargeError(maxDecompressedBytes, bytes.length, error);
    }
    throw new DecodeError(
      `Invalid gzip data: zlib reports ${describeCause(error)}. Expected one or more complete gzip members (RFC 1952); received ${describeBytes(bytes)}`,
      { code: 'invalid-gzip', cause: error },
    );
  }
  const consumed = result.engine.bytesWritten;
  if (consumed !== bytes.length) {
    throw new DecodeError(
      `Invalid gzip data: ${bytes.length - consumed} extra bytes follow the last gzip member at offset ${consumed}. Expected one or more complete gzip members and nothing else; received ${describeBytes(bytes)}`,
      { code: 'invalid-gzip' },
    );
  }
  return result.buffer;
}
