import { SinkError } from '@logferry/sink';
import { describeReceived } from './describe-received';

/**
 * The `SinkError` every constructor and S3 function of this package throws for a bad option:
 * `invalid-options`, not retryable, naming the option, the rule and what was received.
 *
 * @example
 * ```ts
 * throw createInvalidOptionError('s3', 'timeoutMs', 'an integer from 1 to 600000', -1);
 * ```
 */
export function createInvalidOptionError(
  sink: string,
  option: string,
  rule: string,
  received: unknown,
  cause?: unknown,
): SinkError {
  return new SinkError(
    `The "${option}" option must be ${rule}; received ${describeReceived(received)}.`,
    { code: 'invalid-options', retryable: false, sink, cause },
  );
}
