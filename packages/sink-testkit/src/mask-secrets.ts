/**
 * Replaces every occurrence of a secret with `[secret #n]`, so a report about a leak does not
 * leak it again.
 *
 * @example
 * ```ts
 * maskSecrets('password=hunter22', ['hunter22']); // 'password=[secret #1]'
 * ```
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  secrets.forEach((secret, index) => {
    if (secret.length > 0) masked = masked.split(secret).join(`[secret #${index + 1}]`);
  });
  return masked;
}
