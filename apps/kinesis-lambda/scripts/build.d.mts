/**
 * What {@link buildLambda} produced.
 *
 * @example
 * ```ts
 * const { zipSha256, bundleBytes }: LambdaBuildResult = await buildLambda();
 * ```
 */
export interface LambdaBuildResult {
  readonly bundlePath: string;
  readonly zipPath: string;
  readonly bundleBytes: number;
  readonly zipBytes: number;
  readonly zipSha256: string;
  /** Every source file bundled, as esbuild reports them (paths relative to the package). */
  readonly inputs: readonly string[];
  /** Module specifiers left as run-time imports (only Node built-ins are allowed). */
  readonly imports: readonly string[];
}

/**
 * Bundles src/index.ts into `<outDirectory>/index.mjs` and writes the deterministic
 * `<outDirectory>/lambda.zip`.
 *
 * @example
 * ```ts
 * const { zipSha256 } = await buildLambda({ outDirectory: '/tmp/lambda' });
 * ```
 */
export function buildLambda(options?: {
  readonly outDirectory?: string;
}): Promise<LambdaBuildResult>;

/**
 * Bundles the demo into dist/demo.mjs.
 *
 * @example
 * ```ts
 * await buildDemo();
 * ```
 */
export function buildDemo(): Promise<string>;
