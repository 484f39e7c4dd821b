import { DEFAULT_MAX_DECOMPRESSED_BYTES, type DecodeOptions } from './decode-options';
import { describeValue } from './describe-received';
import { DecodeError } from './errors';
import { loadNodeRuntime, type NodeRuntime } from './load-node-runtime';

/** Largest accepted `maxDecompressedBytes`: 1 GiB, already beyond the longest V8 string. */
const MAX_CAP = 1024 * 1024 * 1024;

/**
 * {@link DecodeOptions} checked and with defaults applied: the cap, and the Node.js runtime when
 * the `node` inflater is used (`undefined` selects fflate).
 *
 * @example
 * ```ts
 * const resolved: ResolvedDecodeOptions = resolveDecodeOptions({ inflater: 'portable' });
 * ```
 */
export interface ResolvedDecodeOptions {
  readonly maxDecompressedBytes: number;
  readonly runtime: NodeRuntime | undefined;
}

/**
 * Validates {@link DecodeOptions} and applies defaults; a bad field throws a `DecodeError` with
 * code `invalid-options` naming it.
 *
 * @example
 * ```ts
 * const { maxDecompressedBytes, runtime } = resolveDecodeOptions(options);
 * ```
 */
export function resolveDecodeOptions(options: DecodeOptions | undefined): ResolvedDecodeOptions {
  if (options === undefined) {
    return { maxDecompressedBytes: DEFAULT_MAX_DECOMPRESSED_BYTES, runtime: loadNodeRuntime() };
  }
  if (typeof options !== 'object' || options === null) {
    fail(`options must be an object when given; received ${describeValue(options)}`);
  }
  const cap = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  if (!Number.isSafeInteger(cap) || cap < 1 || cap > MAX_CAP) {
    fail(
      `options.maxDecompressedBytes must be an integer from 1 to ${MAX_CAP}; received ${describeValue(cap)}`,
    );
  }
  const inflater = options.inflater ?? 'auto';
  if (inflater === 'portable') return { maxDecompressedBytes: cap, runtime: undefined };
  if (inflater !== 'auto' && inflater !== 'node') {
    fail(
      `options.inflater must be "auto", "node" or "portable"; received ${describeValue(inflater)}`,
    );
  }
  const runtime = loadNodeRuntime();
  if (inflater === 'node' && runtime === undefined) {
    fail(
      'options.inflater is "node" but this runtime does not provide node:zlib through process.getBuiltinModule (Node.js >= 20.16, Deno and Bun do); use "auto" or "portable"',
    );
  }
  return { maxDecompressedBytes: cap, runtime };
}

function fail(message: string): never {
  throw new DecodeError(`Invalid decode options: ${message}`, { code: 'invalid-options' });
}
