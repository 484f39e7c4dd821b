import { ELASTICSEARCH_LIMITS } from './elasticsearch-limits';

/** Characters Elasticsearch refuses anywhere in an index name (`:` since 7.0). */
const FORBIDDEN_CHARACTERS = /[\\/*?"<>| ,#:]/;

/**
 * Tells whether a string is a valid Elasticsearch/OpenSearch index name: non-empty, lowercase,
 * none of `\ / * ? " < > | , # :` or space, not starting with `-`, `_` or `+`, not `.` or `..`,
 * at most 255 UTF-8 bytes. These are the cluster's own rules; {@link sanitizeIndexName} produces
 * a stricter subset of them.
 *
 * @example
 * ```ts
 * isValidIndexName('cwl-2022.07.25'); // true
 * isValidIndexName('CWL/2022'); // false: uppercase and '/'
 * ```
 */
export function isValidIndexName(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name === '.' || name === '..') return false;
  const first = name.charCodeAt(0);
  if (first === 45 /* - */ || first === 95 /* _ */ || first === 43 /* + */) return false;
  if (FORBIDDEN_CHARACTERS.test(name)) return false;
  if (name.toLowerCase() !== name) return false;
  return Buffer.byteLength(name, 'utf8') <= ELASTICSEARCH_LIMITS.maxIndexNameBytes;
}
