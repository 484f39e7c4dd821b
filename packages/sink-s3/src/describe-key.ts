/**
 * Quotes an object key for a message, in full: keys are at most 1024 bytes and hold no secrets,
 * and a cut key would not say which object failed.
 *
 * @example
 * ```ts
 * describeKey('archive/a b.gz'); // → '"archive/a b.gz"'
 * ```
 */
export function describeKey(key: string): string {
  return JSON.stringify(key);
}
