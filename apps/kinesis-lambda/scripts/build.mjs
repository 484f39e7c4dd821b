// Builds the Lambda artifact: one minified ESM bundle (dist/index.mjs, no AWS SDK inside) and a
// deterministic zip (dist/lambda.zip: same sources → same bytes → same sha256, so Terraform's
// source_code_hash only changes when the code does). Plain .mjs because Node 20 cannot run .ts.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every entry in the zip gets this time: DOS time fields are read in local time, so the same
 * local-time constructor yields the same bytes in every time zone. */
const fixedModificationTime = new Date(1980, 0, 1, 0, 0, 0);
/** Unix regular file, rw-r--r--: Lambda needs the handler file world-readable. */
const unixFileAttributes = (0o100644 << 16) >>> 0;

/** Fails the build when anything resolves an AWS SDK module: the bundle must not carry one. */
const forbidAwsSdkPlugin = {
  name: 'forbid-aws-sdk',
  setup(builder) {
    builder.onResolve({ filter: /^@aws-sdk\// }, (arguments_) => ({
      errors: [
        {
          text: `"${arguments_.path}" is imported by ${arguments_.importer}; the Lambda bundle must not contain the AWS SDK (sign requests with @logferry/sigv4 instead)`,
        },
      ],
    }));
  },
};

/**
 * Bundles src/index.ts and writes the deterministic zip.
 * @param {{ outDirectory?: string }} [options]
 * @returns {Promise<{ bundlePath: string, zipPath: string, bundleBytes: number, zipBytes: number, zipSha256: string, inputs: string[], imports: string[] }>}
 */
export async function buildLambda(options = {}) {
  const outDirectory = options.outDirectory ?? join(packageDirectory, 'dist');
  await mkdir(outDirectory, { recursive: true });
  const bundlePath = join(outDirectory, 'index.mjs');
  const { metafile } = await build({
    absWorkingDir: packageDirectory,
    entryPoints: ['src/index.ts'],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    // Prefer the dependencies' ESM builds: esbuild's Node default (main first) picks CommonJS,
    // which cannot be tree-shaken (@smithy/core alone then adds ~125 KB).
    mainFields: ['module', 'main'],
    // A few CommonJS dependencies require() Node built-ins; ESM output needs a require for them.
    banner: {
      js: "import{createRequire as __logferryCreateRequire}from'node:module';const require=__logferryCreateRequire(import.meta.url);",
    },
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    metafile: true,
    plugins: [forbidAwsSdkPlugin],
  });
  const output = Object.values(metafile.outputs)[0];
  const bundle = await readFile(bundlePath);
  const zip = zipSync(
    {
      'index.mjs': [
        bundle,
        { mtime: fixedModificationTime, level: 9, os: 3, attrs: unixFileAttributes },
      ],
    },
    { mtime: fixedModificationTime },
  );
  const zipPath = join(outDirectory, 'lambda.zip');
  await writeFile(zipPath, zip);
  return {
    bundlePath,
    zipPath,
    bundleBytes: bundle.byteLength,
    zipBytes: zip.byteLength,
    zipSha256: createHash('sha256').update(zip).digest('hex'),
    inputs: Object.keys(metafile.inputs),
    imports: (output?.imports ?? []).map((entry) => entry.path),
  };
}

/**
 * Bundles the demo (scripts/demo.ts) into dist/demo.mjs; its dependencies stay external and are
 * loaded from node_modules at run time.
 * @returns {Promise<string>} the path of the bundle
 */
export async function buildDemo() {
  const outfile = join(packageDirectory, 'dist', 'demo.mjs');
  await build({
    absWorkingDir: packageDirectory,
    entryPoints: ['scripts/demo.ts'],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  return outfile;
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  if (process.argv.includes('--demo')) {
    await buildDemo();
  } else {
    await rm(join(packageDirectory, 'dist'), { recursive: true, force: true });
    const result = await buildLambda();
    console.log(
      `dist/index.mjs ${(result.bundleBytes / 1024).toFixed(1)} KiB · dist/lambda.zip ${(result.zipBytes / 1024).toFixed(1)} KiB · sha256 ${result.zipSha256}`,
    );
  }
}
