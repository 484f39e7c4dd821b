/**
 * The two bulk actions this package writes. `create` fails with a 409 when the `_id` already
 * exists, which makes re-delivery idempotent; `index` overwrites.
 *
 * @example
 * ```ts
 * const action: BulkAction = 'create';
 * ```
 */
export type BulkAction = 'index' | 'create';

/**
 * One `_bulk` operation: an action line (`{"create":{"_index":…,"_id":…}}`) and a source line.
 *
 * @example
 * ```ts
 * const operation: BulkOperation = {
 *   action: 'create',
 *   index: 'cwl-2022.07.25',
 *   id: '36990390990134150016227618181431330390633573838329307136',
 *   source: { '@timestamp': '2022-07-25T07:07:08.000Z', message: 'ilikecats' },
 * };
 * ```
 */
export interface BulkOperation {
  /** `create` (idempotent with an `id`) or `index` (overwrites). */
  readonly action: BulkAction;
  /** Target index, alias or data stream (`_index`). */
  readonly index: string;
  /**
   * Document id (`_id`), at most 512 UTF-8 bytes. Omit it to let the cluster generate one.
   * @default undefined
   */
  readonly id?: string;
  /**
   * Ingest pipeline to run the document through.
   * @default undefined
   */
  readonly pipeline?: string;
  /** The document: a JSON-serializable plain object. */
  readonly source: object;
}

declare const encodedBulkOperationBrand: unique symbol;

/**
 * One operation already encoded as its two NDJSON lines (each ending in `\n`), with its size in
 * UTF-8 bytes computed while it was built, so chunking never has to measure (or flatten) the
 * text again. Produced only by {@link encodeBulkOperation} and `DocumentMapper.encodeOperation`;
 * the brand keeps hand-made values (which could break the line structure or lie about their
 * size) out of {@link encodeBulkChunks}.
 *
 * @example
 * ```ts
 * const encoded: EncodedBulkOperation = encodeBulkOperation(operation);
 * encoded.text.endsWith('\n'); // true
 * encoded.byteLength === Buffer.byteLength(encoded.text); // true
 * ```
 */
export interface EncodedBulkOperation {
  /** The action line and the source line, each ending in `\n`. */
  readonly text: string;
  /** `text` length in UTF-8 bytes. */
  readonly byteLength: number;
  readonly [encodedBulkOperationBrand]: true;
}
