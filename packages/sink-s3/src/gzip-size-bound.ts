/**
 * An upper bound on the gzip size of `byteLength` input bytes at any compression level: deflate's
 * worst case (incompressible input stored in blocks) plus the gzip header and trailer. Input under
 * the bound's inverse fits a byte limit without compressing it first.
 *
 * @example
 * ```ts
 * gzipSizeBound(1024) <= 2048; // → true: a 1 KiB line always fits a 2 KiB object
 * ```
 */
export function gzipSizeBound(byteLength: number): number {
  // zlib's deflateBound for the default window and memory level, plus 18 bytes of gzip framing
  // and a margin for the final empty block.
  return byteLength + (byteLength >>> 12) + (byteLength >>> 14) + (byteLength >>> 25) + 13 + 18 + 8;
}
