import { describeBytes, describeCause, describeText } from './describe-received';
import { DecodeError } from './errors';
import type { NodeRuntime } from './load-node-runtime';

// ignoreBOM keeps a byte-order mark in the text, as Buffer#toString does, so JSON.parse rejects
// it on both paths.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses inflated bytes as a UTF-8 JSON document. Invalid UTF-8 is rejected rather than replaced
 * with U+FFFD, because CloudWatch Logs always sends valid UTF-8 and replacement would silently
 * change log lines.
 *
 * @example
 * ```ts
 * parsePayloadJson(new TextEncoder().encode('{"a":1}'), undefined); // { a: 1 }
 * ```
 */
export function parsePayloadJson(bytes: Uint8Array, runtime: NodeRuntime | undefined): unknown {
  const text = decodeUtf8(bytes, runtime);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DecodeError(
      `Invalid JSON: the decompressed payload is not a JSON document (JSON.parse reports ${describeCause(error)}). Expected a CloudWatch Logs subscription message; received ${bytes.length} bytes starting ${describeText(text)}`,
      { code: 'invalid-json', cause: error },
    );
  }
}

function decodeUtf8(bytes: Uint8Array, runtime: NodeRuntime | undefined): string {
  if (runtime !== undefined && !runtime.isUtf8(bytes)) throw createNotUtf8Error(bytes, undefined);
  try {
    if (runtime === undefined) return strictUtf8.decode(bytes);
    return runtime.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  } catch (error) {
    // TextDecoder signals invalid UTF-8 with a TypeError; anything else is the engine refusing
    // a string this long.
    if (runtime === undefined && error instanceof TypeError) throw createNotUtf8Error(bytes, error);
    throw new DecodeError(
      `Decompressed payload is too large: this JavaScript engine cannot hold ${bytes.length} bytes as one string (engine reports ${describeCause(error)}); lower maxDecompressedBytes`,
      { code: 'too-large', cause: error },
    );
  }
}

function createNotUtf8Error(bytes: Uint8Array, cause: unknown): DecodeError {
  return new DecodeError(
    `Invalid JSON: the decompressed payload is not valid UTF-8. Expected a UTF-8 JSON document; received ${describeBytes(bytes)}`,
    { code: 'invalid-json', cause },
  );
}
