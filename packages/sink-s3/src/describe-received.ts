const maximumLength = 120;

/**
 * Renders a received value for an error message: strings quoted, everything else by type, and cut
 * to 120 characters so a multi-megabyte body or message never ends up in a log line.
 *
 * @example
 * ```ts
 * describeReceived('x'.repeat(500)); // → '"xxx…' + '… (truncated)'
 * ```
 */
export function describeReceived(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === null) text = 'null';
  else if (value === undefined) text = 'undefined';
  else if (typeof value === 'function') text = 'a function';
  else if (Array.isArray(value)) text = `an array of ${value.length}`;
  else if (typeof value === 'object') {
    const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
    text =
      typeof constructorName === 'string' && constructorName !== 'Object'
        ? `${/^[AEIOU]/.test(constructorName) ? 'an' : 'a'} ${constructorName}`
        : 'an object';
  } else text = `${typeof value} ${String(value)}`;
  return text.length > maximumLength ? `${text.slice(0, maximumLength)}… (truncated)` : text;
}
