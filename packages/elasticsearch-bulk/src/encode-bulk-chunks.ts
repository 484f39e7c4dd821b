import { BULK_DEFAULTS } from './bulk-defaults';
import type { BulkOperation, EncodedBulkOperation } from './bulk-operation';
import { describeReceived } from './describe-received';
import { encodeBulkOperation } from './encode-bulk-operation';
import { BulkError } from './errors';
import { readIntegerOption } from './read-integer-option';

/** The largest `maxBytes` accepted: 1 GiB, far above any cluster's `http.max_content_length`. */
const MAX_BYTES_LIMIT = 2 ** 30;

/**
 * Options of {@link encodeBulkChunks}.
 *
 * @example
 * ```ts
 * const options: BulkChunkOptions = { maxBytes: 5 * 1024 * 1024, maxOperations: 5_000 };
 * ```
 */
export interface BulkChunkOptions {
  /**
   * Largest request body in UTF-8 bytes. One operation larger than this is reported as
   * `oversized` instead of being put in a chunk.
   * @default 5242880 (5 MiB, see `BULK_DEFAULTS.maxBytes`)
   */
  readonly maxBytes?: number;
  /**
   * Largest number of operations in one request.
   * @default 5000
   */
  readonly maxOperations?: number;
}

/**
 * One `_bulk` request body and the operations it holds.
 *
 * @example
 * ```ts
 * const chunk: BulkChunk = {
 *   kind: 'chunk',
 *   body: '{"create":{"_index":"logs","_id":"1"}}\n{"message":"hi"}\n',
 *   byteLength: 56,
 *   operationIndices: [0],
 *   operations: [encodeBulkOperation(operation)],
 * };
 * ```
 */
export interface BulkChunk {
  readonly kind: 'chunk';
  /** The NDJSON body: every operation's two lines, each ending in `\n`. */
  readonly body: string;
  /** `body` length in UTF-8 bytes: at most `maxBytes`. */
  readonly byteLength: number;
  /**
   * Positions, in the input, of the operations in this chunk, in body order: `_bulk` response item
   * `i` belongs to input operation `operationIndices[i]`.
   */
  readonly operationIndices: readonly number[];
  /** The encoded operations, `operations[i]` for `operationIndices[i]` (used to split a chunk). */
  readonly operations: readonly EncodedBulkOperation[];
}

/**
 * An operation that alone exceeds `maxBytes`. It is in no chunk: the caller truncates it,
 * dead-letters it, or sends it alone if the cluster accepts it.
 *
 * @example
 * ```ts
 * const oversized: OversizedBulkOperation = {
 *   kind: 'oversized', operationIndex: 7, byteLength: 6_000_000, maxBytes: 5_242_880, operation,
 * };
 * ```
 */
export interface OversizedBulkOperation {
  readonly kind: 'oversized';
  /** Position of the operation in the input. */
  readonly operationIndex: number;
  /** Its encoded size in UTF-8 bytes. */
  readonly byteLength: number;
  /** The limit it exceeds. */
  readonly maxBytes: number;
  /** The encoded operation, for a caller that sends it alone. */
  readonly operation: EncodedBulkOperation;
}

/**
 * An operation that could not be encoded (see `encodeBulkOperation`). It is in no chunk; the
 * caller reports it as rejected.
 *
 * @example
 * ```ts
 * const invalid: InvalidBulkOperation = {
 *   kind: 'invalid', operationIndex: 2, error: new BulkError('bad', { code: 'invalid-operation' }),
 * };
 * ```
 */
export interface InvalidBulkOperation {
  readonly kind: 'invalid';
  /** Position of the operation in the input. */
  readonly operationIndex: number;
  /** Why it could not be encoded (`code: 'invalid-operation'`). */
  readonly error: BulkError;
}

/**
 * What {@link encodeBulkChunks} yields. Every input operation appears in exactly one result:
 * in one chunk, or as oversized, or as invalid.
 *
 * @example
 * ```ts
 * const describe = (result: BulkChunkResult) =>
 *   result.kind === 'chunk' ? `${result.operationIndices.length} operations` : result.kind;
 * ```
 */
export type BulkChunkResult = BulkChunk | OversizedBulkOperation | InvalidBulkOperation;

function isEncoded(
  operation: BulkOperation | EncodedBulkOperation,
): operation is EncodedBulkOperation {
  return (
    typeof (operation as Partial<EncodedBulkOperation> | null)?.text === 'string' &&
    typeof (operation as Partial<EncodedBulkOperation>).byteLength === 'number'
  );
}

/**
 * Options of {@link encodeBulkChunks} when it encodes items itself, lazily.
 *
 * @example
 * ```ts
 * const mapper = createDocumentMapper();
 * const options: BulkChunkEncodeOptions<SinkRecord> = { encode: mapper.encodeOperation };
 * ```
 */
export interface BulkChunkEncodeOptions<TItem> extends BulkChunkOptions {
  /**
   * Turns one input item into an operation when the chunker reaches it, so only the chunk being
   * filled is held in memory. A {@link BulkError} it throws makes that item `invalid`; any other
   * error propagates.
   */
  readonly encode: (item: TItem) => BulkOperation | EncodedBulkOperation;
}

function* generateChunks<TItem>(
  items: Iterable<TItem>,
  encode: ((item: TItem) => BulkOperation | EncodedBulkOperation) | undefined,
  maxBytes: number,
  maxOperations: number,
): Generator<BulkChunkResult, void, undefined> {
  let body = '';
  let byteLength = 0;
  let operationIndices: number[] = [];
  let encodedOperations: EncodedBulkOperation[] = [];
  let operationIndex = -1;
  for (const item of items) {
    operationIndex += 1;
    let encoded: EncodedBulkOperation;
    try {
      const operation =
        encode === undefined ? (item as BulkOperation | EncodedBulkOperation) : encode(item);
      encoded = isEncoded(operation) ? operation : encodeBulkOperation(operation);
    } catch (error) {
      if (!(error instanceof BulkError)) throw error;
      yield { kind: 'invalid', operationIndex, error };
      continue;
    }
    const operationBytes = encoded.byteLength;
    if (operationBytes > maxBytes) {
      yield {
        kind: 'oversized',
        operationIndex,
        byteLength: operationBytes,
        maxBytes,
        operation: encoded,
      };
      continue;
    }
    if (byteLength + operationBytes > maxBytes || operationIndices.length === maxOperations) {
      yield { kind: 'chunk', body, byteLength, operationIndices, operations: encodedOperations };
      body = '';
      byteLength = 0;
      operationIndices = [];
      encodedOperations = [];
    }
    // `+=` builds a rope: the parts are copied once, when the body is written out.
    body += encoded.text;
    byteLength += operationBytes;
    operationIndices.push(operationIndex);
    encodedOperations.push(encoded);
  }
  if (operationIndices.length > 0) {
    yield { kind: 'chunk', body, byteLength, operationIndices, operations: encodedOperations };
  }
}

/**
 * Encodes operations into `_bulk` request bodies bounded by bytes and by count, lazily: each
 * chunk is yielded as soon as it is full, so a sink can send chunk by chunk with bounded memory.
 *
 * Pass operations (objects, or already encoded by `DocumentMapper.encodeOperation`), or pass any
 * items with an `encode` option (typically `mapper.encodeOperation`): items are then encoded
 * only when reached, and an item whose encoding throws a `BulkError` (an unusable event) is
 * reported as `invalid` at its own index. Each operation carries its UTF-8 size from encoding,
 * so nothing is measured twice; chunks are cut on operation boundaries, so an action line is
 * never separated from its source line. Order is kept within and across chunks. Operations larger
 * than `maxBytes` are yielded as `oversized` in their place — never dropped.
 *
 * @throws {BulkError} `invalid-argument` at call time when the input is not iterable or `encode`
 * is not a function, and `invalid-options` at call time when `maxBytes` is not an integer from 1
 * to 2^30 or `maxOperations` not an integer from 1 to 1,000,000.
 *
 * @example
 * ```ts
 * const mapper = createDocumentMapper();
 * for (const result of encodeBulkChunks(records, { encode: mapper.encodeOperation })) {
 *   if (result.kind !== 'chunk') {
 *     outcomes[result.operationIndex] = { status: 'rejected', reason: result.kind };
 *     continue;
 *   }
 *   const response = await post('/_bulk', result.body);
 *   parseBulkResponse(await response.text(), result.operationIndices.length).forEach((outcome, i) => {
 *     outcomes[result.operationIndices[i]!] = outcome;
 *   });
 * }
 * ```
 */
export function encodeBulkChunks(
  operations: Iterable<BulkOperation | EncodedBulkOperation>,
  options?: BulkChunkOptions,
): Generator<BulkChunkResult, void, undefined>;
/**
 * Encodes items lazily with `options.encode` (typically `mapper.encodeOperation`) into `_bulk`
 * request bodies; an item whose `encode` throws a `BulkError` is yielded as `invalid` at its
 * index. See the first overload for everything else.
 *
 * @example
 * ```ts
 * const chunks = encodeBulkChunks(records, { encode: createDocumentMapper().encodeOperation });
 * ```
 */
export function encodeBulkChunks<TItem>(
  items: Iterable<TItem>,
  options: BulkChunkEncodeOptions<TItem>,
): Generator<BulkChunkResult, void, undefined>;
export function encodeBulkChunks<TItem>(
  items: Iterable<TItem>,
  options: BulkChunkOptions & {
    readonly encode?: (item: TItem) => BulkOperation | EncodedBulkOperation;
  } = {},
): Generator<BulkChunkResult, void, undefined> {
  if (
    typeof items !== 'object' ||
    items === null ||
    typeof (items as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function'
  ) {
    throw new BulkError(
      `encodeBulkChunks needs an iterable of operations or items (an array or a generator); received ${describeReceived(items)}`,
      { code: 'invalid-argument' },
    );
  }
  const { encode } = options;
  if (encode !== undefined && typeof encode !== 'function') {
    throw new BulkError(
      `Option encode must be a function when given; received ${describeReceived(encode)}`,
      { code: 'invalid-options' },
    );
  }
  // Validated here, not in the generator, so a bad option fails at the call, not at first use.
  const maxBytes = readIntegerOption(
    'maxBytes',
    options.maxBytes,
    BULK_DEFAULTS.maxBytes,
    1,
    MAX_BYTES_LIMIT,
  );
  const maxOperations = readIntegerOption(
    'maxOperations',
    options.maxOperations,
    BULK_DEFAULTS.maxOperations,
    1,
    1_000_000,
  );
  return generateChunks(items, encode, maxBytes, maxOperations);
}
