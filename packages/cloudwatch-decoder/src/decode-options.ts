/**
 * The default `maxDecompressedBytes`: 16 MiB (16,777,216 bytes).
 *
 * Why: one `PutLogEvents` batch is at most 1,048,576 bytes (messages plus 26 bytes per event,
 * at most 10,000 events). In the subscription JSON a message can grow up to 6× when every byte
 * is a control character escaped as `\u00XX` (≈ 6.3 MB), `extractedFields` can repeat the
 * message's text once more (≈ 12.6 MB), and each event adds about 100 bytes of envelope
 * (`id`, `timestamp`, keys: ≈ 1 MB for 10,000 events). That worst case, ≈ 13.6 MB, fits under
 * 16 MiB; real payloads are tens to hundreds of kilobytes. A gzip bomb therefore costs at most
 * about 16 MiB of memory (32 MiB with the portable inflater) and a few milliseconds before it is
 * rejected.
 *
 * @example
 * ```ts
 * decodeSubscriptionMessage(data, { maxDecompressedBytes: 2 * DEFAULT_MAX_DECOMPRESSED_BYTES });
 * ```
 */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

/**
 * Which gzip implementation inflates payloads:
 * - `node`: `node:zlib` (native; the fastest in Node.js — see the package README for numbers).
 *   Needs `process.getBuiltinModule` (Node.js ≥ 20.16, Deno, Bun).
 * - `portable`: fflate, pure JavaScript, for runtimes without `node:zlib` (browsers, workers).
 * - `auto`: `node` when the runtime provides it, `portable` otherwise.
 *
 * Both produce identical results and errors codes, respect `maxDecompressedBytes`, verify each
 * member's CRC-32 and length, and accept concatenated (multi-member) gzip streams.
 *
 * @example
 * ```ts
 * const inflater: Inflater = 'portable';
 * ```
 */
export type Inflater = 'auto' | 'node' | 'portable';

/**
 * Options of {@link decodeSubscriptionMessage} and the record/event helpers.
 *
 * @example
 * ```ts
 * const options: DecodeOptions = { maxDecompressedBytes: 4 * 1024 * 1024, inflater: 'auto' };
 * ```
 */
export interface DecodeOptions {
  /**
   * Largest decompressed payload accepted, in bytes (an integer from 1 to 1 GiB). Inflating
   * stops as soon as the output would exceed it and the call throws a `DecodeError` with code
   * `too-large`.
   *
   * @default 16_777_216 (16 MiB, {@link DEFAULT_MAX_DECOMPRESSED_BYTES})
   */
  readonly maxDecompressedBytes?: number;
  /**
   * Which gzip implementation to use.
   *
   * @default 'auto'
   */
  readonly inflater?: Inflater;
}
