import type { DeadLetterStore, Sink } from '@logferry/sink';
import type { LambdaConfig } from './config';
import { createSinks } from './create-sinks';
import { ConfigError } from './errors';

/**
 * The sinks and dead-letter store built from a {@link LambdaConfig}, once per cold start.
 *
 * @example
 * ```ts
 * const { sinks, deadLetterStore }: Runtime = createRuntime(loadConfig(process.env));
 * ```
 */
export interface Runtime {
  /** In delivery order: Elasticsearch, S3 archive, HTTP intake — whichever are configured. */
  readonly sinks: readonly Sink[];
  readonly deadLetterStore: DeadLetterStore;
}

/**
 * Options of {@link createRuntime}, for tests and the demo; the Lambda passes none.
 *
 * @example
 * ```ts
 * const options: CreateRuntimeOptions = { requestTimeoutMs: 2_000 };
 * ```
 */
export interface CreateRuntimeOptions {
  /**
   * Per-request timeout of every sink and of the dead-letter store.
   * @default each package's default
   */
  readonly requestTimeoutMs?: number;
  /**
   * `fetch` used by every sink and the dead-letter store.
   * @default globalThis.fetch (keep-alive connections reused across invocations)
   */
  readonly fetch?: typeof fetch;
  /**
   * Credentials for the S3 archive and dead-letter store (s3rver only knows its own key pair).
   * @default the Lambda environment's credentials, read at signing time
   */
  readonly s3Credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * Builds the configured sinks and the dead-letter store (with {@link createSinks}). Each package
 * validates its own options here (for example the index template); every failure is collected
 * into ONE {@link ConfigError}.
 *
 * @throws {ConfigError} listing every sink that could not be built and why.
 * @example
 * ```ts
 * const { sinks, deadLetterStore } = createRuntime(loadConfig(process.env));
 * ```
 */
export function createRuntime(config: LambdaConfig, options: CreateRuntimeOptions = {}): Runtime {
  const { sinks, deadLetterStore } = createSinks(config, {
    ...(options.requestTimeoutMs === undefined
      ? {}
      : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.s3Credentials === undefined ? {} : { s3Credentials: options.s3Credentials }),
  });
  // A LambdaConfig always names a dead-letter store, and createSinks throws when it cannot build one.
  if (deadLetterStore === undefined) {
    throw new ConfigError(['the dead-letter store is missing from the configuration']);
  }
  return { sinks, deadLetterStore };
}
