import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { HttpCompression } from './http-sink-options';

const gzipAsync = promisify(gzip);

// Log text compresses almost as well at level 4 as at zlib's default 6, for less CPU time (see
// the README's performance section).
const gzipLevel = 4;

/**
 * A body ready for the wire, with the `content-encoding` it needs.
 *
 * @example
 * ```ts
 * const wire: WireBody = { body: Buffer.from('…'), encoding: 'gzip' };
 * ```
 */
export interface WireBody {
  readonly body: Buffer;
  readonly encoding: 'gzip' | undefined;
}

/**
 * Compresses a body off the main thread (zlib's thread pool, so timers and aborts stay
 * responsive). The gzip result is used only when it is smaller: a body of incompressible text is
 * sent as is, so the bytes on the wire never exceed the uncompressed limit.
 *
 * @example
 * ```ts
 * const wire = await compressBody(Buffer.from('{"message":"a"}\n'.repeat(100)), 'gzip');
 * wire.encoding; // 'gzip'
 * ```
 */
export async function compressBody(body: Buffer, compression: HttpCompression): Promise<WireBody> {
  if (compression === 'none') return { body, encoding: undefined };
  const compressed = await gzipAsync(body, { level: gzipLevel });
  return compressed.length < body.length
    ? { body: compressed, encoding: 'gzip' }
    : { body, encoding: undefined };
}
