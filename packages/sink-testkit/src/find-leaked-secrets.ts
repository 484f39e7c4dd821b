/**
 * A piece of text a sink produced (log output, an error, `util.inspect(sink)`) and where it came
 * from.
 *
 * @example
 * ```ts
 * const evidence: Evidence = { where: 'error.message of send() under a 401', text: error.message };
 * ```
 */
export interface Evidence {
  readonly where: string;
  readonly text: string;
}

/**
 * Lists which secrets appear in which evidence, naming secrets by position (`secret #2`) and never
 * by value.
 *
 * @example
 * ```ts
 * findLeakedSecrets([{ where: 'console', text: 'auth=hunter22' }], ['hunter22']);
 * // ['secret #1 in console']
 * ```
 */
export function findLeakedSecrets(
  evidence: readonly Evidence[],
  secrets: readonly string[],
): string[] {
  const leaks: string[] = [];
  for (const { where, text } of evidence) {
    secrets.forEach((secret, index) => {
      if (secret.length > 0 && text.includes(secret))
        leaks.push(`secret #${index + 1} in ${where}`);
    });
  }
  return leaks;
}
