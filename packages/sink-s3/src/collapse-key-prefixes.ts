/**
 * Sorts and de-duplicates key prefixes and drops every prefix another one already covers
 * (`a/b/` is covered by `a/`), so no object is listed twice.
 *
 * @example
 * ```ts
 * collapseKeyPrefixes(['a/b/', 'a/', 'c/']); // → ['a/', 'c/']
 * ```
 */
export function collapseKeyPrefixes(prefixes: readonly string[]): string[] {
  const sorted = [...new Set(prefixes)].sort();
  const kept: string[] = [];
  for (const prefix of sorted) {
    // Sorted order puts a covering prefix right before the prefixes it covers.
    const last = kept.at(-1);
    if (last === undefined || !prefix.startsWith(last)) kept.push(prefix);
  }
  return kept;
}
