import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ElasticsearchCompression } from './elasticsearch-sink-options';

const gzipAsync = promisify(gzip);

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

/**
 * Encodes an NDJSON body to UTF-8 once and, with `gzip`, compresses it on libuv's thread pool (so
 * timers and abort signals keep firing meanwhile). A compressed body that is not smaller than the
 * original is dropped in favour of the original: the body on the wire is then never larger than
 * the byte limit the chunk was built to, whatever the content.
 *
 * @example
 * ```ts
 * const body = await encodeRequestBody('{"create":{"_index":"logs"}}\n{"message":"hi"}\n', 'gzip', 1);
 * body.contentEncoding; // 'gzip' when it saved bytes, else undefined
 * ```
 */
export async function encodeRequestBody(
  ndjson: string,
  compression: ElasticsearchCompression,
  gzipLevel: number,
): Promise<EncodedRequestBody> {
  const plain = Buffer.from(ndjson, 'utf8');
  if (compression === 'none') return { bytes: plain, contentEncoding: undefined };
  const compressed = await gzipAsync(plain, { level: gzipLevel });
  return compressed.length < plain.length
    ? { bytes: compressed, contentEncoding: 'gzip' }
    : { bytes: plain, contentEncoding: undefined };
}
