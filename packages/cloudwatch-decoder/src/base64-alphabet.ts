/**
 * The standard base64 alphabet (RFC 4648 §4), in value order.
 *
 * @example
 * ```ts
 * BASE64_ALPHABET[62]; // '+'
 * ```
 */
export const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
