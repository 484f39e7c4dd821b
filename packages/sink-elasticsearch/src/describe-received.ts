const MAX_RECEIVED_CHARS = 80;

/**
 * Renders a received option value for an error message, cut to 80 characters. Callers pass only
 * values that cannot be secrets; for secret fields they pass the type (`typeof value`) instead.
 *
 * @example
 * ```ts
 * describeReceived('30s'); // '"30s"'
 * describeReceived(undefined); // 'undefined'
 * ```
 */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length <= MAX_RECEIVED_CHARS
    ? text
    : `${text.slice(0, MAX_RECEIVED_CHARS)}… (${text.length} chars)`;
}
