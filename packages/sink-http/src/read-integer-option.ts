import { createOptionError } from './errors';

/**
 * Reads an optional integer option, failing at construction with a message that names the option,
 * its range and what was received.
 *
 * @example
 * ```ts
 * const maxEvents = readIntegerOption('maxEvents', options.maxEvents, { default: 1000, minimum: 1, maximum: 1000 });
 * ```
 */
export function readIntegerOption(
  option: string,
  value: unknown,
  range: { readonly default: number; readonly minimum: number; readonly maximum: number },
): number {
  if (value === undefined) return range.default;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < range.minimum ||
    value > range.maximum
  ) {
    throw createOptionError(option, `an integer from ${range.minimum} to ${range.maximum}`, value);
  }
  return value;
}
