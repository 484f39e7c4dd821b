/**
 * Replaces every occurrence of each secret in a text with `[redacted]`. Used on text that comes
 * from the intake (response bodies in outcome reasons), because an intake may echo what it
 * received. Secrets shorter than 4 characters are ignored: masking them would garble the text
 * and they could not identify a credential anyway.
 *
 * @example
 * ```ts
 * maskSecrets('invalid key abc123secret', ['abc123secret']); // 'invalid key [redacted]'
 * ```
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && masked.includes(secret))
      masked = masked.split(secret).join('[redacted]');
  }
  return masked;
}
