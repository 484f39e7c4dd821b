/**
 * One operation of a `_bulk` body, in request order.
 *
 * @example
 * ```ts
 * const operation: BulkOperation = { action: 'create', index: 'logs', id: '1', line: 1, source: { message: 'hi' } };
 * ```
 */
export interface BulkOperation {
  readonly action: 'create' | 'index' | 'delete';
  /** Target index: the action's `_index`, else the index in the URL path. */
  readonly index: string;
  /** The action's `_id`; absent when Elasticsearch must generate one. */
  readonly id: string | undefined;
  /** 1-based line number of the action line. */
  readonly line: number;
  /** The parsed document (`index` / `create`), when its line is a JSON object. */
  readonly source?: Readonly<Record<string, unknown>>;
  /** Why the document line is not a JSON object; the item fails with a 400. */
  readonly sourceError?: string;
}

/**
 * A failure of a whole `_bulk` request, with the status and exception type Elasticsearch uses.
 *
 * @example
 * ```ts
 * const failure: BulkRequestFailure = { status: 400, type: 'illegal_argument_exception', reason: 'The bulk request must be terminated by a newline [\\n]' };
 * ```
 */
export interface BulkRequestFailure {
  readonly status: number;
  readonly type: string;
  readonly reason: string;
}

/**
 * The result of {@link parseBulkBody}.
 *
 * @example
 * ```ts
 * const parsed: ParsedBulkBody = { ok: true, operations: [] };
 * ```
 */
export type ParsedBulkBody =
  | { readonly ok: true; readonly operations: readonly BulkOperation[] }
  | { readonly ok: false; readonly failure: BulkRequestFailure };

const actions = new Set(['create', 'index', 'delete', 'update']);
// Parameters Elasticsearch 8 accepts on an action line; anything else fails the whole request.
const knownParameters = new Set([
  '_index',
  '_id',
  'routing',
  'pipeline',
  'require_alias',
  'require_data_stream',
  'if_seq_no',
  'if_primary_term',
  'version',
  'version_type',
  'dynamic_templates',
  'list_executed_pipelines',
  'op_type',
]);

/**
 * Parses a `_bulk` body the way Elasticsearch 8 does where it matters to a sink: the body must
 * end with `\n`; an action line that is not valid JSON, names an unknown action or parameter, or
 * lacks an index fails the whole request with a 400; a document line that is not a JSON object
 * fails only its item (`document_parsing_exception`).
 *
 * @example
 * ```ts
 * const parsed = parseBulkBody('{"create":{"_id":"1"}}\n{"message":"hi"}\n', 'logs');
 * // { ok: true, operations: [{ action: 'create', index: 'logs', id: '1', line: 1, source: { message: 'hi' } }] }
 * ```
 */
export function parseBulkBody(text: string, pathIndex: string | undefined): ParsedBulkBody {
  if (text.length === 0) {
    return fail(400, 'parse_exception', 'request body is required');
  }
  if (!text.endsWith('\n')) {
    return fail(
      400,
      'illegal_argument_exception',
      'The bulk request must be terminated by a newline [\\n]',
    );
  }
  const lines = text.split('\n');
  lines.pop(); // the empty string after the final newline
  const operations: BulkOperation[] = [];
  const validationErrors: string[] = [];

  let lineIndex = 0;
  while (lineIndex < lines.length) {
    const lineNumber = lineIndex + 1;
    const actionText = lines[lineIndex]!;
    lineIndex += 1;
    if (actionText.trim() === '') continue; // Elasticsearch skips blank lines between items

    let actionLine: unknown;
    try {
      actionLine = JSON.parse(actionText);
    } catch (error) {
      return fail(
        400,
        'x_content_parse_exception',
        describeJsonError(lineNumber, actionText, error),
      );
    }
    if (actionLine === null || typeof actionLine !== 'object' || Array.isArray(actionLine)) {
      return fail(
        400,
        'illegal_argument_exception',
        `Malformed action/metadata line [${lineNumber}], expected START_OBJECT or END_OBJECT but found [${jsonTokenName(actionLine)}]`,
      );
    }
    const keys = Object.keys(actionLine);
    const actionName = keys[0];
    if (keys.length !== 1 || actionName === undefined || !actions.has(actionName)) {
      return fail(
        400,
        'illegal_argument_exception',
        `Malformed action/metadata line [${lineNumber}], expected field [create], [delete], [index] or [update] but found [${keys.join(', ')}]`,
      );
    }
    if (actionName === 'update') {
      return fail(
        400,
        'illegal_argument_exception',
        `The fake Elasticsearch does not implement the [update] action (line [${lineNumber}]); use index, create or delete`,
      );
    }
    const metadata = (actionLine as Record<string, unknown>)[actionName];
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      return fail(
        400,
        'illegal_argument_exception',
        `Malformed action/metadata line [${lineNumber}], expected START_OBJECT but found [${jsonTokenName(metadata)}]`,
      );
    }
    for (const parameter of Object.keys(metadata)) {
      if (!knownParameters.has(parameter)) {
        return fail(
          400,
          'illegal_argument_exception',
          `Action/metadata line [${lineNumber}] contains an unknown parameter [${parameter}]`,
        );
      }
    }
    const fields = metadata as Record<string, unknown>;
    const index = typeof fields._index === 'string' ? fields._index : pathIndex;
    const rawId = fields._id;
    const id =
      typeof rawId === 'string' ? rawId : typeof rawId === 'number' ? String(rawId) : undefined;
    const operationNumber = operations.length + 1;
    if (index === undefined || index === '') {
      validationErrors.push(`${operationNumber}: index is missing;`);
    }
    if (id === '') {
      validationErrors.push(`${operationNumber}: if _id is specified it must not be empty;`);
    } else if (id !== undefined && Buffer.byteLength(id) > 512) {
      validationErrors.push(
        `${operationNumber}: id [${id.slice(0, 40)}…] is too long, must be no longer than 512 bytes but was: ${Buffer.byteLength(id)};`,
      );
    }

    const action = actionName as BulkOperation['action'];
    if (action === 'delete') {
      operations.push({ action, index: index ?? '', id, line: lineNumber });
      continue;
    }
    if (lineIndex >= lines.length) {
      validationErrors.push(`${operationNumber}: source is missing;`);
      operations.push({ action, index: index ?? '', id, line: lineNumber });
      continue;
    }
    const sourceText = lines[lineIndex]!;
    lineIndex += 1;
    let source: unknown;
    try {
      source = JSON.parse(sourceText);
    } catch (error) {
      operations.push({
        action,
        index: index ?? '',
        id,
        line: lineNumber,
        sourceError: describeJsonError(1, sourceText, error),
      });
      continue;
    }
    if (source === null || typeof source !== 'object' || Array.isArray(source)) {
      operations.push({
        action,
        index: index ?? '',
        id,
        line: lineNumber,
        sourceError: `[1:1] failed to parse: root value must be an object, found [${jsonTokenName(source)}]`,
      });
      continue;
    }
    operations.push({
      action,
      index: index ?? '',
      id,
      line: lineNumber,
      source: source as Record<string, unknown>,
    });
  }

  if (validationErrors.length > 0) {
    return fail(
      400,
      'action_request_validation_exception',
      `Validation Failed: ${validationErrors.join('')}`,
    );
  }
  return { ok: true, operations };
}

function fail(status: number, type: string, reason: string): ParsedBulkBody {
  return { ok: false, failure: { status, type, reason } };
}

function describeJsonError(lineNumber: number, text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const column = position === null ? 1 : Number(position[1]) + 1;
  return `[${lineNumber}:${column}] ${message.replace(/\s+/g, ' ').slice(0, 200)}${
    text.length === 0 ? ' (empty line)' : ''
  }`;
}

function jsonTokenName(value: unknown): string {
  if (value === null) return 'VALUE_NULL';
  if (Array.isArray(value)) return 'START_ARRAY';
  switch (typeof value) {
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return 'VALUE_NUMBER';
    case 'boolean':
      return 'VALUE_BOOLEAN';
    default:
      return 'START_OBJECT';
  }
}
