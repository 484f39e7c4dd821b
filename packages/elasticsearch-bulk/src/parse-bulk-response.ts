import type { BulkItemOutcome } from './bulk-item-outcome';
import type { BulkAction } from './bulk-operation';
import { classifyBulkHttpStatus } from './classify-bulk-http-status';
import { describeReceived } from './describe-received';
import { BulkError, BulkResponseError } from './errors';

const DELIVERED: BulkItemOutcome = Object.freeze({ status: 'delivered' });
const MAX_REASON_LENGTH = 500;
const ACTIONS = new Set(['index', 'create', 'update', 'delete']);

/**
 * Error types that mean "not now" whatever the item status says: thread-pool and indexing-pressure
 * rejections (Elasticsearch names them `es_rejected_execution_exception`, OpenSearch
 * `rejected_execution_exception`), circuit breakers, and index blocks (flood-stage disk watermark,
 * read-only or closed index), which an operator lifts.
 */
const RETRYABLE_ERROR_TYPES = new Set([
  'es_rejected_execution_exception',
  'rejected_execution_exception',
  'circuit_breaking_exception',
  'cluster_block_exception',
]);

interface ItemError {
  readonly type?: unknown;
  readonly reason?: unknown;
  readonly caused_by?: { readonly type?: unknown; readonly reason?: unknown };
}

function cut(text: string): string {
  return text.length <= MAX_REASON_LENGTH ? text : `${text.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

function describeItemError(error: unknown, status: number): string {
  // Elasticsearch 1.x/2.x sent the error as one string.
  if (typeof error === 'string') return cut(error);
  if (typeof error !== 'object' || error === null) return `HTTP ${status} without error details`;
  const { reason, caused_by: causedBy } = error as ItemError;
  let text = typeof reason === 'string' ? reason : `HTTP ${status}`;
  if (typeof causedBy === 'object' && causedBy !== null && typeof causedBy.reason === 'string') {
    text += ` (caused by ${typeof causedBy.type === 'string' ? `${causedBy.type}: ` : ''}${causedBy.reason})`;
  }
  return cut(text);
}

function isRetryable(status: number, errorType: string | undefined): boolean {
  return (
    status === 408 ||
    status === 429 ||
    status >= 500 ||
    // Authentication/authorization: a configuration fix is needed; never dead-letter for it.
    status === 401 ||
    status === 403 ||
    (errorType !== undefined && RETRYABLE_ERROR_TYPES.has(errorType))
  );
}

function classifyItem(action: string, status: number, error: unknown): BulkItemOutcome {
  if (status >= 200 && status < 300) return DELIVERED;
  const type = typeof error === 'object' && error !== null ? (error as ItemError).type : undefined;
  const errorType = typeof type === 'string' ? type : undefined;
  // `create` of an id that exists: the document was stored by an earlier delivery. A 409 on
  // `create` can only mean that, so it also counts when a filter_path stripped the error.
  if (
    status === 409 &&
    action === 'create' &&
    (errorType === undefined || errorType === 'version_conflict_engine_exception')
  ) {
    return DELIVERED;
  }
  const reason = describeItemError(error, status);
  const outcomeStatus = isRetryable(status, errorType) ? 'retryable' : 'rejected';
  return errorType === undefined
    ? { status: outcomeStatus, reason, httpStatus: status }
    : { status: outcomeStatus, reason, errorType, httpStatus: status };
}

function readExpectation(operations: number | readonly { readonly action: BulkAction }[]): {
  count: number;
  actions: readonly { readonly action: BulkAction }[] | undefined;
} {
  if (typeof operations === 'number' && Number.isInteger(operations) && operations >= 0) {
    return { count: operations, actions: undefined };
  }
  if (Array.isArray(operations)) return { count: operations.length, actions: operations };
  throw new BulkError(
    `parseBulkResponse needs the number of operations sent (an integer >= 0) or the operations themselves; received ${describeReceived(operations)}`,
    { code: 'invalid-argument' },
  );
}

function parseBody(body: string | object): Record<string, unknown> {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      const snippet = body.replace(/\s+/g, ' ').trim();
      throw new BulkResponseError(
        `A _bulk response body must be JSON; received ${body.length === 0 ? 'an empty body' : describeReceived(snippet)}`,
        { code: 'invalid-json', cause: error },
      );
    }
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    ArrayBuffer.isView(parsed)
  ) {
    throw new BulkResponseError(
      `A _bulk response must be a JSON object (pass the body as text or as parsed JSON); received ${ArrayBuffer.isView(parsed) ? 'bytes' : describeReceived(parsed)}`,
      { code: 'unexpected-shape' },
    );
  }
  return parsed as Record<string, unknown>;
}

function throwErrorResponse(response: Record<string, unknown>): never {
  const error = response.error;
  const status = typeof response.status === 'number' ? response.status : undefined;
  const type = typeof error === 'object' && error !== null ? (error as ItemError).type : undefined;
  const errorType = typeof type === 'string' ? type : undefined;
  throw new BulkResponseError(
    `A _bulk response must list items; received an error response${status === undefined ? '' : ` with status ${status}`}: ${errorType ?? 'error'}: ${describeItemError(error, status ?? 0)}`,
    {
      code: 'error-response',
      // Re-sending helps only for transient statuses; a 400 or 403 body needs a fix first.
      retryable:
        status === undefined ||
        !Number.isInteger(status) ||
        status < 100 ||
        status > 599 ||
        classifyBulkHttpStatus(status) === 'retry',
      ...(status === undefined ? {} : { httpStatus: status }),
    },
  );
}

/**
 * Turns a `_bulk` response body into exactly one outcome per operation sent, in order — the step
 * where shippers that only check the HTTP status lose data, since a 200 can hold failed items.
 *
 * Per item: 2xx → `delivered`; 409 on `create` (`version_conflict_engine_exception`) →
 * `delivered` (stored by an earlier delivery); 408, 429, 5xx, 401/403 and the error types
 * `es_rejected_execution_exception`, `rejected_execution_exception`,
 * `circuit_breaking_exception`, `cluster_block_exception` → `retryable`; any other status
 * (`mapper_parsing_exception`, `document_parsing_exception`, `illegal_argument_exception`, …) →
 * `rejected`. Failed outcomes carry the cluster's reason (with its `caused_by`), error type and
 * item status. A body of just `{"errors":false}` (items trimmed by `filter_path`) means every
 * operation was delivered.
 *
 * @param body The response body as text, or already parsed.
 * @param operations How many operations were sent, or the operations (then each item's action
 * must match its operation's).
 * @throws {BulkResponseError} (`retryable: true` unless an error response says otherwise)
 * `invalid-json` for a non-JSON body such as an HTML 413/502 page, `unexpected-shape`,
 * `error-response`, `missing-items`, `item-count-mismatch`, `invalid-item`.
 * @throws {BulkError} `invalid-argument` when `operations` is neither a count nor an array.
 *
 * @example
 * ```ts
 * const outcomes = parseBulkResponse(
 *   '{"took":3,"errors":true,"items":[{"create":{"_index":"logs","_id":"1","status":201}},' +
 *     '{"create":{"_index":"logs","_id":"2","status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}]}',
 *   2,
 * );
 * // [{ status: 'delivered' }, { status: 'retryable', reason: 'queue full', errorType: 'es_rejected_execution_exception', httpStatus: 429 }]
 * ```
 */
export function parseBulkResponse(
  body: string | object,
  operations: number | readonly { readonly action: BulkAction }[],
): BulkItemOutcome[] {
  const { count, actions } = readExpectation(operations);
  const response = parseBody(body);
  const { items, errors } = response;
  if (items === undefined) {
    if (errors === false) return new Array<BulkItemOutcome>(count).fill(DELIVERED);
    if (response.error !== undefined) throwErrorResponse(response);
  }
  if (!Array.isArray(items)) {
    throw new BulkResponseError(
      `A _bulk response must have an "items" array (or "errors": false); received ${items === undefined ? 'no items' : `items ${describeReceived(items)}`} in ${describeReceived(response)}`,
      { code: 'missing-items' },
    );
  }
  if (items.length !== count) {
    throw new BulkResponseError(
      `A _bulk response must have one item per operation sent: expected ${count}, received ${items.length}`,
      { code: 'item-count-mismatch' },
    );
  }
  const outcomes = new Array<BulkItemOutcome>(count);
  for (let index = 0; index < count; index += 1) {
    const item: unknown = items[index];
    const keys = typeof item === 'object' && item !== null ? Object.keys(item) : [];
    const action = keys[0];
    const result =
      keys.length === 1 && action !== undefined
        ? (item as Record<string, unknown>)[action]
        : undefined;
    const status =
      typeof result === 'object' && result !== null
        ? (result as { status?: unknown }).status
        : undefined;
    if (
      action === undefined ||
      !ACTIONS.has(action) ||
      typeof status !== 'number' ||
      !Number.isInteger(status) ||
      status < 100 ||
      status > 599
    ) {
      throw new BulkResponseError(
        `Each _bulk response item must be {"<action>":{"status":<100-599>,…}} with action index, create, update or delete; item ${index} is ${describeReceived(item)}`,
        { code: 'invalid-item' },
      );
    }
    const expectedAction = actions?.[index]?.action;
    if (expectedAction !== undefined && expectedAction !== action) {
      throw new BulkResponseError(
        `Each _bulk response item must answer the operation at its position: item ${index} is for "${action}" but operation ${index} was "${expectedAction}"`,
        { code: 'invalid-item' },
      );
    }
    outcomes[index] = classifyItem(action, status, (result as { error?: unknown }).error);
  }
  return outcomes;
}
