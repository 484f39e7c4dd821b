import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function importWithoutGetBuiltinModule<T>(path: string): Promise<T> {
  vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
  vi.resetModules();
  return (await import(path)) as T;
}

describe('loadNodeRuntime', () => {
  it('finds node:zlib and node:buffer in Node.js', async () => {
    const { loadNodeRuntime } = await import('./load-node-runtime');
    const runtime = loadNodeRuntime();
    expect(runtime?.gunzipSync).toBe(gunzipSync);
    expect(runtime?.Buffer).toBe(Buffer);
  });

  it('returns undefined where process.getBuiltinModule does not exist', async () => {
    const { loadNodeRuntime } =
      await importWithoutGetBuiltinModule<typeof import('./load-node-runtime')>(
        './load-node-runtime',
      );
    expect(loadNodeRuntime()).toBeUndefined();
  });

  it('makes "auto" fall back to fflate and "node" an invalid option there', async () => {
    const { decodeSubscriptionMessage } = await importWithoutGetBuiltinModule<
      typeof import('./decode-subscription-message')
    >('./decode-subscription-message');
    const data =
      'H4sIAAAAAAAAAyXKMQuDMBCG4f/yzVm63hZodOoUt1KKllMCmgt30VKK/13Q8X14/1jYrJ+4+xUG4e47/36EGH0b4CDfzArCDQ6zTK3KWkAYRS6IVblfQDA42DrYR1OpSXKT5spqoOfrHMPGuZ65H52WRK9zAAAA';
    expect(decodeSubscriptionMessage(data).logGroup).toBe('foo');
    expect(() => decodeSubscriptionMessage(data, { inflater: 'node' })).toThrow(
      'Invalid decode options: options.inflater is "node" but this runtime does not provide node:zlib through process.getBuiltinModule (Node.js >= 20.16, Deno and Bun do); use "auto" or "portable"',
    );
  });
});
