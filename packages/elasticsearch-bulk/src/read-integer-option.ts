import { describeReceived } from './describe-received';
import { BulkError } from './errors';

/**
 * Reads an optional integer option, failing with a message that names the option, its range and
 * what was received. Used by every factory so options are validated once, up front.
 *
 * @example
 * ```ts
 * const maxBytes = readIntegerOption('maxBytes', options.maxBytes, BULK_DEFAULTS.maxBytes, 1, 2 ** 30);
 * ```
 */
export function readIntegerOption(
  name: string,
  value: unknown,
  defaultValue: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new BulkError(
      `Option ${name} must be an integer from ${minimum} to ${maximum}; received ${describeReceived(value)}`,
      { code: 'invalid-options' },
    );
  }
  return value;
}
