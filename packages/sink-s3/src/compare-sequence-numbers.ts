/**
 * Orders Kinesis sequence numbers (decimal strings of up to 128 digits) numerically without
 * parsing them: a shorter number is smaller, equal lengths compare as text. Non-numeric strings
 * fall back to plain text order, so the sort stays total.
 *
 * @example
 * ```ts
 * ['100', '99', '101'].sort(compareSequenceNumbers); // → ['99', '100', '101']
 * ```
 */
export function compareSequenceNumbers(left: string, right: string): number {
  const bothDigits = /^\d+$/.test(left) && /^\d+$/.test(right);
  if (bothDigits && left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}
