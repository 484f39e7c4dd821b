const MAX_TEXT_CHARACTERS = 64;
const MAX_HEX_BYTES = 16;

/**
 * Describes bytes for an error message: their count and the first 16 in hex.
 *
 * @example
 * ```ts
 * describeBytes(new Uint8Array([0x7b, 0x22])); // '2 bytes starting 7b 22'
 * ```
 */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return '0 bytes';
  const shown = bytes.subarray(0, MAX_HEX_BYTES);
  let hex = '';
  for (let index = 0; index < shown.length; index++) {
    hex += `${index === 0 ? '' : ' '}${(shown[index] as number).toString(16).padStart(2, '0')}`;
  }
  const unit = bytes.length === 1 ? 'byte' : 'bytes';
  return `${bytes.length} ${unit} starting ${hex}${bytes.length > MAX_HEX_BYTES ? ' …' : ''}`;
}

/**
 * Describes text for an error message: the first 64 characters, JSON-quoted so control
 * characters and newlines stay on one line, and the total length when it was cut.
 *
 * @example
 * ```ts
 * describeText('{"a":'); // '"{\\"a\\":"'
 * ```
 */
export function describeText(text: string): string {
  if (text.length <= MAX_TEXT_CHARACTERS) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_TEXT_CHARACTERS))}… (${text.length} characters)`;
}

/**
 * Describes any JSON value for an error message: its type and a truncated rendering.
 *
 * @example
 * ```ts
 * describeValue(42); // 'number 42'
 * describeValue(undefined); // 'nothing (the field is missing)'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') return `string ${describeText(value)}`;
  if (Array.isArray(value))
    return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    const className = prototype?.constructor?.name;
    if (prototype !== null && prototype !== Object.prototype && typeof className === 'string') {
      return `an instance of ${className}`;
    }
    const keys = Object.keys(value);
    const listed = keys.slice(0, 8).join(', ');
    return keys.length === 0
      ? 'an empty object'
      : `an object with keys ${describeText(listed)}${keys.length > 8 ? ` and ${keys.length - 8} more` : ''}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${describeText(String(value)).slice(1, -1)}`;
  }
  return `${typeof value} ${describeText(String(value))}`;
}

/**
 * Quotes an underlying error's message for an error message of ours, on one line and truncated
 * to 200 characters (a `JSON.parse` message can quote the input).
 *
 * @example
 * ```ts
 * describeCause(new Error('incorrect header check')); // '"incorrect header check"'
 * ```
 */
export function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return JSON.stringify(message.length > 200 ? `${message.slice(0, 200)}…` : message);
}
