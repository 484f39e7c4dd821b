import type { EncodedBulkOperation } from './bulk-operation';
import { escapeLineSeparators } from './escape-line-separators';

/**
 * Wraps the finished NDJSON text of one operation with its UTF-8 size.
 *
 * Measuring also makes V8 flatten the text, which was built by concatenation as a tree of string
 * pieces; the benchmark showed that keeping thousands of such trees alive until a chunk is sent
 * costs more in garbage collection than copying each operation once here. U+2028/U+2029 are
 * escaped on the flat text (see `escapeLineSeparators`).
 *
 * @example
 * ```ts
 * createEncodedOperation('{"index":{"_index":"logs"}}\n{"message":"é"}\n').byteLength; // 45
 * ```
 */
export function createEncodedOperation(text: string): EncodedBulkOperation {
  let byteLength = Buffer.byteLength(text, 'utf8');
  const escaped = escapeLineSeparators(text);
  if (escaped !== text) byteLength = Buffer.byteLength(escaped, 'utf8');
  return { text: escaped, byteLength } as EncodedBulkOperation;
}
