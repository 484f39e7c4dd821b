/**
 * Formats a byte count for people: `512 B`, `1.5 KiB`, `12.3 MiB`, `2.0 GiB`.
 *
 * @example
 * ```ts
 * formatByteCount(1536); // '1.5 KiB'
 * ```
 */
export function formatByteCount(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
