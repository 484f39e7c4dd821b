/**
 * Machine-readable reasons the Lambda app itself fails (sink failures are `SinkError`s from
 * `@logferry/sink`; decode failures are `DecodeError`s and never escape the delivery loop).
 *
 * | code | meaning |
 * | --- | --- |
 * | `invalid-config` | one or more environment variables are missing or invalid (see {@link ConfigError}) |
 * | `invalid-event` | the invocation event is not a Kinesis stream event |
 * | `invalid-use` | an object was used in a way it does not support, such as iterating a lazily decoded batch twice (a bug) |
 *
 * @example
 * ```ts
 * const code: KinesisLambdaErrorCode = 'invalid-config';
 * ```
 */
export type KinesisLambdaErrorCode = 'invalid-config' | 'invalid-event' | 'invalid-use';

/**
 * Options of a {@link KinesisLambdaError}.
 *
 * @example
 * ```ts
 * const options: KinesisLambdaErrorOptions = { code: 'invalid-event' };
 * ```
 */
export interface KinesisLambdaErrorOptions {
  readonly code: KinesisLambdaErrorCode;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * Base class of the app's errors. Never retryable by itself: the handler lets it fail the
 * invocation so the event source mapping retries (and eventually routes the batch to its
 * on-failure destination).
 *
 * @example
 * ```ts
 * try {
 *   await handler(event, context);
 * } catch (error) {
 *   if (error instanceof KinesisLambdaError && error.code === 'invalid-config') console.error(error.message);
 *   throw error;
 * }
 * ```
 */
export class KinesisLambdaError extends Error {
  override readonly name: string = 'KinesisLambdaError';
  readonly code: KinesisLambdaErrorCode;

  constructor(message: string, options: KinesisLambdaErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
  }
}

/**
 * The configuration from the environment is invalid. Lists EVERY problem found (one per line in
 * the message and in {@link ConfigError.problems}), never just the first, and never echoes a
 * secret value.
 *
 * @example
 * ```ts
 * try {
 *   loadConfig({ LOGFERRY_ELASTICSEARCH_AUTH: 'sigv5' });
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.problems.join('\n'));
 * }
 * ```
 */
export class ConfigError extends KinesisLambdaError {
  override readonly name = 'ConfigError';
  /** One sentence per problem: the variable, the rule, and what was received. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options: { readonly cause?: unknown } = {}) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `Invalid logferry configuration (${count}):\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
      { code: 'invalid-config', cause: options.cause },
    );
    this.problems = problems;
  }
}
