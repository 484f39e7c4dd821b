import type * as NodeBuffer from 'node:buffer';
import type * as NodeZlib from 'node:zlib';

/**
 * The parts of Node.js the fast path uses. Loaded through `process.getBuiltinModule` rather than
 * `import` so the package still loads (and falls back to fflate) where `node:*` modules do not
 * exist, without bundler configuration.
 *
 * @example
 * ```ts
 * const runtime: NodeRuntime | undefined = loadNodeRuntime();
 * ```
 */
export interface NodeRuntime {
  readonly Buffer: typeof NodeBuffer.Buffer;
  readonly isUtf8: typeof NodeBuffer.isUtf8;
  readonly gunzipSync: typeof NodeZlib.gunzipSync;
  readonly gzipSync: typeof NodeZlib.gzipSync;
}

let cached: NodeRuntime | null | undefined;

/**
 * Returns `node:zlib` and `node:buffer` when the runtime provides them (Node.js ≥ 20.16, Deno,
 * Bun), `undefined` otherwise. The lookup happens once.
 *
 * @example
 * ```ts
 * const inflater = loadNodeRuntime() === undefined ? 'portable' : 'node';
 * ```
 */
export function loadNodeRuntime(): NodeRuntime | undefined {
  if (cached === undefined) cached = findNodeRuntime() ?? null;
  return cached ?? undefined;
}

function findNodeRuntime(): NodeRuntime | undefined {
  const processObject = (globalThis as { process?: { getBuiltinModule?: unknown } }).process;
  const getBuiltinModule = processObject?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return undefined;
  try {
    const zlib = getBuiltinModule.call(processObject, 'node:zlib') as typeof NodeZlib | undefined;
    const buffer = getBuiltinModule.call(processObject, 'node:buffer') as
      | typeof NodeBuffer
      | undefined;
    if (
      typeof zlib?.gunzipSync !== 'function' ||
      typeof zlib.gzipSync !== 'function' ||
      typeof buffer?.Buffer !== 'function' ||
      typeof buffer.isUtf8 !== 'function'
    ) {
      return undefined;
    }
    return {
      Buffer: buffer.Buffer,
      isUtf8: buffer.isUtf8,
      gunzipSync: zlib.gunzipSync,
      gzipSync: zlib.gzipSync,
    };
  } catch {
    // A runtime that exposes getBuiltinModule but refuses these modules is treated as one
    // without them: the portable inflater still works there.
    return undefined;
  }
}
