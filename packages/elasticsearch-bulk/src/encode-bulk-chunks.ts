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
  /**
   * Returns the buffer a chunk's body is written into: at least `byteLength` bytes (at most
   * `maxBytes`; a chunk may ask again, for a larger one, when a big `maxBytes` makes it grow).
   * Pass it to reuse the buffers of chunks you are done with — a chunk's `bytes` is a view of the
   * buffer you returned — instead of leaving each one to the garbage collector, which frees large
   * buffers late and so inflates peak memory. Never hand out a buffer a chunk still in use views.
   * @default a new buffer for every chunk
   */
  readonly allocate?: (byteLength: number) => Uint8Array;
}

/**
 * One `_bulk` request body, as UTF-8 bytes, and the operations it holds.
 *
 * @example
 * ```ts
 * const text = '{"create":{"_index":"logs","_id":"1"}}\n{"message":"hi"}\n';
 * const chunk: BulkChunk = {
 *   kind: 'chunk',
 *   bytes: Buffer.from(text),
 *   byteLength: 56,
 *   operationIndices: [0],
 *   operationEnds: [56],
 * };
 * new TextDecoder().decode(chunk.bytes) === text; // true
 * ```
 */
export interface BulkChunk {
  readonly kind: 'chunk';
  /**
   * The NDJSON body in UTF-8: every operation's two lines, each ending in `\n`. Send it as is
   * (`fetch` and `http.request` take it as a body); `new TextDecoder().decode(bytes)` gives the text.
   */
  readonly bytes: Uint8Array;
  /** `bytes.byteLength`: at most `maxBytes`. */
  readonly byteLength: number;
  /**
   * Positions, in the input, of the operations in this chunk, in body order: `_bulk` response item
   * `i` belongs to input operation `operationIndices[i]`.
   */
  readonly operationIndices: readonly number[];
  /**
   * Where each operation ends in `bytes`: operation `i` is `bytes[operationEnds[i - 1] ?? 0,
   * operationEnds[i])`. Used to split a chunk without encoding anything again.
   */
  readonly operationEnds: readonly number[];
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

/**
 * The first buffer of a chunk: `maxBytes` at the default 5 MiB, so the default never copies; a
 * larger `maxBytes` starts here and doubles as operations arrive.
 */
const INITIAL_CAPACITY = 8 * 1024 * 1024;
const textEncoder = new TextEncoder();

function allocateBuffer(byteLength: number): Uint8Array {
  // Not zero-filled: every byte a chunk exposes is written first.
  return Buffer.allocUnsafe(byteLength);
}

function* generateChunks<TItem>(
  items: Iterable<TItem>,
  encode: ((item: TItem) => BulkOperation | EncodedBulkOperation) | undefined,
  maxBytes: number,
  maxOperations: number,
  allocate: (byteLength: number) => Uint8Array,
): Generator<BulkChunkResult, void, undefined> {
  // Each operation's text is written into the chunk's buffer as soon as it is encoded and then
  // dropped, so the texts die young instead of living (and being copied by the garbage collector)
  // until the chunk is full; and the body is never a string to flatten and encode afterwards.
  let buffer: Uint8Array | undefined;
  let byteLength = 0;
  let operationIndices: number[] = [];
  let operationEnds: number[] = [];
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
      yield {
        kind: 'chunk',
        bytes: (buffer as Uint8Array).subarray(0, byteLength),
        byteLength,
        operationIndices,
        operationEnds,
      };
      buffer = undefined;
      byteLength = 0;
      operationIndices = [];
      operationEnds = [];
    }
    const needed = byteLength + operationBytes;
    if (buffer === undefined || needed > buffer.length) {
      const capacity = Math.min(
        maxBytes,
        Math.max(needed, buffer === undefined ? INITIAL_CAPACITY : buffer.length * 2),
      );
      const grown = allocate(capacity);
      if (!(grown instanceof Uint8Array) || grown.length < capacity) {
        throw new BulkError(
          `Option allocate must return a Uint8Array of at least the ${capacity} bytes asked for; received ${describeReceived(grown)}`,
          { code: 'invalid-options' },
        );
      }
      if (buffer !== undefined) grown.set(buffer.subarray(0, byteLength));
      buffer = grown;
    }
    // Writing into a view of exactly the declared size catches a forged operation in the same
    // pass: text longer than declared is not read to its end, shorter text does not fill it.
    const { read, written } = textEncoder.encodeInto(
      encoded.text,
      buffer.subarray(byteLength, needed),
    );
    if (read !== encoded.text.length || written !== operationBytes) {
      yield {
        kind: 'invalid',
        operationIndex,
        error: new BulkError(
          `operation ${operationIndex} declares byteLength ${operationBytes}, which is not the UTF-8 size of its text (${Buffer.byteLength(encoded.text, 'utf8')} bytes); pass operations from encodeBulkOperation or DocumentMapper.encodeOperation unchanged`,
          { code: 'invalid-operation' },
        ),
      };
      continue;
    }
    byteLength = needed;
    operationIndices.push(operationIndex);
    operationEnds.push(byteLength);
  }
  if (operationIndices.length > 0) {
    yield {
      kind: 'chunk',
      bytes: (buffer as Uint8Array).subarray(0, byteLength),
      byteLength,
      operationIndices,
      operationEnds,
    };
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
 *   const response = await post('/_bulk', result.bytes);
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
  const { encode, allocate = allocateBuffer } = options;
  if (encode !== undefined && typeof encode !== 'function') {
    throw new BulkError(
      `Option encode must be a function when given; received ${describeReceived(encode)}`,
      { code: 'invalid-options' },
    );
  }
  if (typeof allocate !== 'function') {
    throw new BulkError(
      `Option allocate must be a function when given; received ${describeReceived(allocate)}`,
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
  return generateChunks(items, encode, maxBytes, maxOperations, allocate);
}
