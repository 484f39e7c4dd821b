/**
 * What a secret is replaced with in `inspect`/`JSON.stringify` output.
 *
 * @example
 * ```ts
 * const shown = { secretAccessKey: redactedSecret };
 * ```
 */
export const redactedSecret = '[redacted]';

/**
 * Shows at most the first four characters of an access key id (`AKIA…`, `ASIA…`): enough to tell a
 * long-term key from a temporary one, not enough to identify it.
 *
 * @example
 * ```ts
 * redactAccessKeyId('AKIAIOSFODNN7EXAMPLE'); // → 'AKIA…'
 * ```
 */
export function redactAccessKeyId(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…`;
}
