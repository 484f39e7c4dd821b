import { inspect } from 'node:util';

/**
 * Renders a received value for an error message: short, single-line and truncated, so a
 * multi-megabyte body never floods a test report.
 *
 * @example
 * ```ts
 * describeReceived('x'.repeat(500), 20); // "'xxxxxxxxxxxxxxxxx…' (500 chars)" style output
 * ```
 */
export function describeReceived(value: unknown, maxLength = 160): string {
  const rendered =
    typeof value === 'string'
      ? JSON.stringify(value)
      : inspect(value, { depth: 3, breakLength: Number.POSITIVE_INFINITY, maxArrayLength: 8 });
  if (rendered.length <= maxLength) return rendered;
  const length = typeof value === 'string' ? ` (${value.length} chars)` : '';
  return `${rendered.slice(0, maxLength - 1)}…${length}`;
}
