import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { loadConfig } from './config';
import { createConfiguredHandler } from './create-configured-handler';
import type { HandlerContext, KinesisHandler } from './create-handler';
import { createRuntime } from './create-runtime';
import { ConfigError } from './errors';

/**
 * Cold start: configuration and sinks are built once per execution environment and reused by
 * every invocation (their HTTP connections stay alive through Node's global fetch). Module scope
 * holds only this immutable result — no batch state.
 */
const initialization = initialize(process.env);

function initialize(
  environment: Readonly<Record<string, string | undefined>>,
): { readonly handler: KinesisHandler } | { readonly error: unknown } {
  try {
    const config = loadConfig(environment);
    const runtime = createRuntime(config);
    return {
      handler: createConfiguredHandler(config, runtime),
    };
  } catch (error) {
    // Logged once here; every invocation then fails with it, so Kinesis keeps the records until
    // the configuration is fixed (the mapping's retry limits and on-failure destination apply).
    process.stdout.write(
      `${JSON.stringify({
        level: 'ERROR',
        message: 'logferry could not start: every invocation fails until this is fixed',
        error: {
          name: error instanceof Error ? error.name : typeof error,
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof ConfigError ? { problems: error.problems } : {}),
        },
      })}\n`,
    );
    return { error };
  }
}

/**
 * The Lambda entry point (`index.handler`) for a Kinesis event source mapping with
 * `ReportBatchItemFailures`: delivers the batch to the configured sinks and answers with the
 * records to re-deliver.
 *
 * @throws the cold-start error (for example a {@link ConfigError}) on every invocation when the
 *   configuration is invalid.
 * @example
 * ```ts
 * const response = await handler(event, context);
 * response.batchItemFailures; // [{ itemIdentifier: '4959…' }] for records to re-deliver
 * ```
 */
export async function handler(
  event: KinesisStreamEvent,
  context: HandlerContext,
): Promise<KinesisStreamBatchResponse> {
  if ('error' in initialization) throw initialization.error;
  return initialization.handler(event, context);
}
