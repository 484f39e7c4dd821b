/**
 * Longest value a `{logGroup}` or `{owner}` token renders to when the template has room.
 *
 * @example
 * ```ts
 * sanitizeNamePart('x'.repeat(300)).length === MAX_NAME_PART_LENGTH; // true
 * ```
 */
export const MAX_NAME_PART_LENGTH = 128;
/**
 * Shortest cap a template may leave a name token: some text plus the 9-character hash suffix.
 *
 * @example
 * ```ts
 * sanitizeNamePart('x'.repeat(300), MIN_NAME_PART_LENGTH); // 'xxxxxxx-' followed by 8 hex digits
 * ```
 */
export const MIN_NAME_PART_LENGTH = 16;
/** Length of the hash suffix that keeps cut parts distinct: `-` and 8 hex digits. */
const HASH_SUFFIX_LENGTH = 9;
const DISALLOWED_RUNS = /[^a-z0-9._-]+/g;
const EDGE_SEPARATORS = /^[-_.]+|[-_.]+$/g;

function hashPart(value: string): string {
  // FNV-1a (32 bit): cheap, deterministic, enough to keep two long log group names apart.
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Renders a `{logGroup}`/`{owner}` value for an index name: lowercase `a-z 0-9 . _ -` only, no
 * separator at either end (so `/aws/lambda/x` gives `aws-lambda-x`), `unknown` when nothing is
 * left, and at most `maxLength` characters — longer values keep their start plus a hash of the
 * whole, so two long names that differ only at the end still get different indices.
 *
 * @example
 * ```ts
 * sanitizeNamePart('/aws/lambda/Orders'); // 'aws-lambda-orders'
 * ```
 */
export function sanitizeNamePart(value: string, maxLength: number = MAX_NAME_PART_LENGTH): string {
  const sanitized = value.toLowerCase().replace(DISALLOWED_RUNS, '-').replace(EDGE_SEPARATORS, '');
  if (sanitized === '') return 'unknown';
  if (sanitized.length <= maxLength) return sanitized;
  const kept = sanitized.slice(0, maxLength - HASH_SUFFIX_LENGTH).replace(EDGE_SEPARATORS, '');
  return `${kept}-${hashPart(value)}`;
}
