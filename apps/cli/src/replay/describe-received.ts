/**
 * Describes a received value for an error message: JSON, cut to 80 characters.
 *
 * @example
 * ```ts
 * describeReceived('x'.repeat(200)); // '"xxxx…" (200 characters)'
 * ```
 */
export function describeReceived(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 80
      ? `${JSON.stringify(value.slice(0, 80))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
