const MAX_RECEIVED_CHARS = 80;

/**
 * Renders a received value for an error message: JSON where possible, cut to 80 characters so a
 * multi-megabyte body or log line never ends up in a log whole.
 *
 * @example
 * ```ts
 * describeReceived({ status: 201 }); // '{"status":201}'
 * describeReceived('x'.repeat(500)); // the first 80 characters, then '… (502 chars)'
 * ```
 */
export function describeReceived(value: unknown): string {
  let text: string;
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Circular structures and other unserializable values: the type is still useful.
    text = Object.prototype.toString.call(value);
  }
  if (text.length <= MAX_RECEIVED_CHARS) return text;
  return `${text.slice(0, MAX_RECEIVED_CHARS)}… (${text.length} chars)`;
}
