import { BASE64_ALPHABET } from './base64-alphabet';
import type { NodeRuntime } from './load-node-runtime';

/**
 * Encodes bytes as padded standard base64 (RFC 4648 §4), with `Buffer` when available.
 *
 * @example
 * ```ts
 * encodeBase64(new Uint8Array([0x1f, 0x8b, 0x08]), undefined); // 'H4sI'
 * ```
 */
export function encodeBase64(bytes: Uint8Array, runtime: NodeRuntime | undefined): string {
  if (runtime !== undefined) {
    return runtime.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  let text = '';
  const fullGroupsEnd = bytes.length - (bytes.length % 3);
  let index = 0;
  for (; index < fullGroupsEnd; index += 3) {
    const group = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    text +=
      BASE64_ALPHABET[group >>> 18]! +
      BASE64_ALPHABET[(group >>> 12) & 63]! +
      BASE64_ALPHABET[(group >>> 6) & 63]! +
      BASE64_ALPHABET[group & 63]!;
  }
  const remaining = bytes.length - fullGroupsEnd;
  if (remaining === 1) {
    const group = bytes[index]! << 16;
    text += `${BASE64_ALPHABET[group >>> 18]!}${BASE64_ALPHABET[(group >>> 12) & 63]!}==`;
  } else if (remaining === 2) {
    const group = (bytes[index]! << 16) | (bytes[index + 1]! << 8);
    text += `${BASE64_ALPHABET[group >>> 18]!}${BASE64_ALPHABET[(group >>> 12) & 63]!}${BASE64_ALPHABET[(group >>> 6) & 63]!}=`;
  }
  return text;
}
