import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every package re-uses: an ESM build of `src/index.ts` with type
 * declarations, for Node.js 20 and later. Packages pass overrides only when they have more entry
 * points (for example a CLI bin).
 */
export function createTsupConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}

export default createTsupConfig();
