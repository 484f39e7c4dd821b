import { encodeRfc3986 } from './encode-rfc3986';

/**
 * Reads the query with URL-standard rules (`+` is a space, as `URLSearchParams` writes it) and
 * re-encodes it strictly. Sending the re-encoded form means the server decodes exactly the
 * parameters that were signed, whatever its own reading of `+` or of unencoded characters.
 *
 * @example
 * ```ts
 * encodeQuery(new URLSearchParams('b=2&a=x+y')); // → { query: { b: '2', a: 'x y' }, search: 'b=2&a=x%20y' }
 * ```
 */
export function encodeQuery(searchParameters: URLSearchParams): {
  query: Record<string, string | string[]>;
  search: string;
} {
  const query: Record<string, string | string[]> = Object.create(null);
  const pairs: string[] = [];
  for (const [name, value] of searchParameters) {
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else if (typeof existing === 'string') query[name] = [existing, value];
    else existing.push(value);
    pairs.push(`${encodeRfc3986(name)}=${encodeRfc3986(value)}`);
  }
  return { query, search: pairs.join('&') };
}
