/**
 * Encodes a string the way SigV4 canonical requests do (RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay
 * as they are); `encodeURIComponent` alone leaves `! ' ( ) *` unencoded.
 *
 * @example
 * ```ts
 * encodeRfc3986("(a b)!"); // → '%28a%20b%29%21'
 * ```
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
