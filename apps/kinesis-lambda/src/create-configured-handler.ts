import { decodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import type { LambdaConfig } from './config';
import { createHandler, type HandlerDependencies, type KinesisHandler } from './create-handler';
import type { Runtime } from './create-runtime';

/**
 * The handler a configuration describes: the runtime's sinks and dead-letter store, the
 * CloudWatch Logs decoder, and the function name, own log group and retry budget from `config`.
 * The Lambda entry point, the demo and the end-to-end tests all build their handler this way, so
 * they run the same wiring; `overrides` adds a log writer or delivery timing.
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * const handler = createConfiguredHandler(config, createRuntime(config));
 * ```
 */
export function createConfiguredHandler(
  config: LambdaConfig,
  runtime: Runtime,
  overrides: Pick<HandlerDependencies, 'writeLog' | 'delivery'> = {},
): KinesisHandler {
  return createHandler({
    sinks: runtime.sinks,
    deadLetterStore: runtime.deadLetterStore,
    decode: (data) => decodeSubscriptionMessage(data),
    functionName: config.functionName,
    ownLogGroup: config.ownLogGroup,
    retryBudgetMs: config.retryBudgetMs,
    ...overrides,
  });
}
