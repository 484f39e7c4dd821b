import { SinkError } from '@logferry/sink';
import { describeReceived } from './describe-received';

/**
 * Builds the error `createHttpSink` throws for a bad option: a `SinkError` with code
 * `invalid-options`, naming the option, the rule it breaks and what was received. Every error of
 * this package is a `SinkError` (the one error class sinks throw), so callers branch on `code`.
 *
 * Pass `received: undefined` together with `hideReceived: true` for values that may be secrets:
 * the message then says what kind of value it was, never the value.
 *
 * @example
 * ```ts
 * throw createOptionError('maxEvents', 'an integer from 1 to 1000', 5000);
 * // SinkError: createHttpSink: option maxEvents must be an integer from 1 to 1000; received number 5000
 * ```
 */
export function createOptionError(
  option: string,
  rule: string,
  received: unknown,
  { hideReceived = false, sink }: { readonly hideReceived?: boolean; readonly sink?: string } = {},
): SinkError {
  const receivedText = hideReceived ? describeKind(received) : describeReceived(received);
  return new SinkError(
    `createHttpSink: option ${option} must be ${rule}; received ${receivedText}`,
    { code: 'invalid-options', retryable: false, ...(sink === undefined ? {} : { sink }) },
  );
}

function describeKind(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} characters (not shown)`;
  return describeReceived(value);
}
