import type { ConfigError } from '@logferry/kinesis-lambda/errors';
import { ReplayError } from './errors';

/**
 * Turns a `ConfigError` of the Lambda's configuration loader or sink builder (which the replay
 * shares) into the replay's own `invalid-config` error — same message, same problems — so the
 * command reports it, and exits with status 2, like every other replay error.
 *
 * @example
 * ```ts
 * try {
 *   loadConfig(settings, { purpose: 'replay' });
 * } catch (error) {
 *   if (error instanceof ConfigError) throw convertConfigError(error);
 *   throw error;
 * }
 * ```
 */
export function convertConfigError(error: ConfigError): ReplayError {
  return new ReplayError(error.message, {
    code: 'invalid-config',
    problems: error.problems,
    cause: error,
  });
}
