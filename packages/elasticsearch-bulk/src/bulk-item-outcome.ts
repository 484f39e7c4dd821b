/**
 * What happened to one operation of a `_bulk` request. Structurally identical to `RecordOutcome`
 * of `@logferry/sink` (declared here so this package depends on nothing), so outcomes can be
 * returned from a sink as they are.
 *
 * - `delivered`: stored, or already stored (`create` answered 409 `version_conflict_engine_exception`).
 * - `retryable`: not stored; trying again later may work (429, 5xx, 408, thread-pool rejections,
 *   circuit breakers, index blocks — and 401/403, which need a configuration fix, not dead-lettering).
 * - `rejected`: not stored, and retrying will not help (mapping errors, invalid documents).
 *
 * @example
 * ```ts
 * const outcome: BulkItemOutcome = {
 *   status: 'rejected',
 *   reason: "[1:14] failed to parse field [status] of type [long] in document with id '1'",
 *   errorType: 'document_parsing_exception',
 *   httpStatus: 400,
 * };
 * ```
 */
export type BulkItemOutcome =
  | { readonly status: 'delivered' }
  | {
      readonly status: 'retryable' | 'rejected';
      /** The cluster's reason (and its cause), cut to 500 characters. */
      readonly reason: string;
      /** The cluster's error type, e.g. `es_rejected_execution_exception`. */
      readonly errorType?: string;
      /** The item's HTTP status. */
      readonly httpStatus?: number;
    };
