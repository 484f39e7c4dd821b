import type { BulkOperation, EncodedBulkOperation } from './bulk-operation';
import { createEncodedOperation } from './create-encoded-operation';
import { describeReceived } from './describe-received';
import { ELASTICSEARCH_LIMITS } from './elasticsearch-limits';
import { BulkError } from './errors';
import { exceedsUtf8Bytes } from './exceeds-utf8-bytes';

function fail(message: string, cause?: unknown): never {
  throw new BulkError(message, { code: 'invalid-operation', cause });
}

/**
 * Encodes one bulk operation as its two NDJSON lines (action line, source line), each ending in
 * `\n`. Everything goes through `JSON.stringify`, so no message can add a line break, and
 * U+2028/U+2029 are escaped as well (see `escapeLineSeparators`).
 *
 * @throws {BulkError} `invalid-operation` when the action is not `index`/`create`, the index is
 * empty, the id is empty or over 512 UTF-8 bytes, the pipeline is empty, or the source is not a
 * JSON-serializable plain object (arrays, circular structures and BigInts are refused).
 *
 * @example
 * ```ts
 * encodeBulkOperation({ action: 'create', index: 'logs', id: '1', source: { message: 'hi' } });
 * // { text: '{"create":{"_index":"logs","_id":"1"}}\n{"message":"hi"}\n', byteLength: 56 }
 * ```
 */
export function encodeBulkOperation(operation: BulkOperation): EncodedBulkOperation {
  if (typeof operation !== 'object' || operation === null) {
    fail(`A bulk operation must be an object; received ${describeReceived(operation)}`);
  }
  const { action, index, id, pipeline, source } = operation;
  if (action !== 'create' && action !== 'index') {
    fail(
      `A bulk operation's action must be "create" or "index"; received ${describeReceived(action)}`,
    );
  }
  if (typeof index !== 'string' || index.length === 0) {
    fail(
      `A bulk operation's index must be a non-empty string; received ${describeReceived(index)}`,
    );
  }
  let actionLine = `{"${action}":{"_index":${JSON.stringify(index)}`;
  if (id !== undefined) {
    if (
      typeof id !== 'string' ||
      id.length === 0 ||
      exceedsUtf8Bytes(id, ELASTICSEARCH_LIMITS.maxIdBytes)
    ) {
      fail(
        `A bulk operation's id must be a non-empty string of at most ${ELASTICSEARCH_LIMITS.maxIdBytes} UTF-8 bytes; received ${describeReceived(id)}`,
      );
    }
    actionLine += `,"_id":${JSON.stringify(id)}`;
  }
  if (pipeline !== undefined) {
    if (typeof pipeline !== 'string' || pipeline.length === 0) {
      fail(
        `A bulk operation's pipeline must be a non-empty string when given; received ${describeReceived(pipeline)}`,
      );
    }
    actionLine += `,"pipeline":${JSON.stringify(pipeline)}`;
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    fail(
      `A bulk operation's source must be a plain object (Elasticsearch stores objects only); received ${describeReceived(source)}`,
    );
  }
  let sourceLine: string | undefined;
  try {
    sourceLine = JSON.stringify(source);
  } catch (error) {
    fail(
      `A bulk operation's source must be JSON-serializable (no cycles, no BigInt); serializing the document for index ${JSON.stringify(index)} failed`,
      error,
    );
  }
  // A toJSON() returning undefined or a non-object would produce a line that is not a document.
  if (sourceLine === undefined || sourceLine.charCodeAt(0) !== 123 /* { */) {
    fail(
      `A bulk operation's source must serialize to a JSON object; it serialized to ${describeReceived(sourceLine)}`,
    );
  }
  return createEncodedOperation(`${actionLine}}}\n${sourceLine}\n`);
}
