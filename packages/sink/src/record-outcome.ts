/**
 * What happened to one record in a {@link Sink.send} call.
 *
 * - `delivered`: the destination durably accepted it (or already held it: a `create` conflict on
 *   a deterministic id counts as delivered).
 * - `retryable`: it was not accepted, and trying again later may succeed (throttling, 5xx,
 *   timeouts, connection failures).
 * - `rejected`: the destination refused it for a reason retrying will not fix (a mapping error, a
 *   malformed document). The delivery loop dead-letters it.
 *
 * @example
 * ```ts
 * const outcome: RecordOutcome = {
 *   status: 'rejected',
 *   reason: 'failed to parse field [status] of type [long]',
 *   errorType: 'mapper_parsing_exception',
 *   httpStatus: 400,
 * };
 * ```
 */
export type RecordOutcome =
  | { readonly status: 'delivered' }
  | {
      readonly status: 'retryable' | 'rejected';
      /** Human-readable reason, from the destination where it gave one. Never contains secrets. */
      readonly reason: string;
      /** Destination's machine-readable error type, e.g. `es_rejected_execution_exception`. */
      readonly errorType?: string;
      /** HTTP status of the item or request that failed, when there was one. */
      readonly httpStatus?: number;
    };

/** The status of a {@link RecordOutcome}. */
export type RecordOutcomeStatus = RecordOutcome['status'];
