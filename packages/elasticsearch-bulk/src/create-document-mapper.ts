import { BULK_DEFAULTS } from './bulk-defaults';
import type { BulkAction, BulkOperation } from './bulk-operation';
import { countJsonKeys } from './count-json-keys';
import { createEncodedOperation } from './create-encoded-operation';
import { createIndexNameResolver, type IndexNameResolver } from './create-index-name-resolver';
import { createIsoTimestampFormatter, MAX_ISO_TIMESTAMP } from './create-iso-timestamp-formatter';
import { describeReceived } from './describe-received';
import type {
  DocumentIdMode,
  DocumentMapper,
  DocumentMapperOptions,
  JsonMode,
} from './document-mapper';
import { ELASTICSEARCH_LIMITS } from './elasticsearch-limits';
import { encodeBulkOperation } from './encode-bulk-operation';
import { BulkError } from './errors';
import { exceedsUtf8Bytes } from './exceeds-utf8-bytes';
import { extractJsonFields } from './extract-json-fields';
import { findReusableJsonText } from './find-reusable-json-text';
import { compileIndexNameTemplate } from './index-name-template';
import { isValidIndexName } from './is-valid-index-name';
import type { LogEventRecord } from './log-event-record';
import { readChoiceOption } from './read-choice-option';
import { readIntegerOption } from './read-integer-option';
import { createUtf8Truncator } from './truncate-utf8';

/** How many log streams' serialized fragments a mapper keeps. */
const STREAM_FRAGMENT_CACHE_SIZE = 64;

interface StreamFragment {
  readonly owner: string;
  readonly logGroup: string;
  readonly fragment: string;
}

/** Top-level fields of the default document that JSON fields may never replace. */
const RESERVED_FIELDS = ['@timestamp', 'message', 'cloud', 'aws', 'event', 'logferry'];

function failOption(message: string): never {
  throw new BulkError(message, { code: 'invalid-options' });
}

function failEvent(field: string, rule: string, received: unknown): never {
  throw new BulkError(
    `Log event field ${field} must be ${rule}; received ${describeReceived(received)}`,
    { code: 'invalid-event' },
  );
}

function readOptionalString(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    failOption(
      `Option ${name} must be a non-empty string when given; received ${describeReceived(value)}`,
    );
  }
  return value;
}

function firstSegment(field: string): string {
  const dot = field.indexOf('.');
  return dot === -1 ? field : field.slice(0, dot);
}

function readNamespace(value: unknown): string {
  if (value === undefined) return BULK_DEFAULTS.jsonNamespace;
  const rule =
    'a non-empty field name without empty dot-separated parts, not starting with "_", and not one of (or inside) @timestamp, message, cloud, aws, event, logferry';
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.startsWith('_') ||
    value.split('.').some((segment) => segment.trim() === '') ||
    RESERVED_FIELDS.includes(firstSegment(value))
  ) {
    failOption(`Option jsonNamespace must be ${rule}; received ${describeReceived(value)}`);
  }
  return value;
}

function readIndexTarget(
  options: DocumentMapperOptions<never>,
  action: BulkAction,
): IndexNameResolver {
  const { dataStream, indexTemplate } = options;
  if (dataStream === undefined) {
    return createIndexNameResolver(
      compileIndexNameTemplate(indexTemplate ?? BULK_DEFAULTS.indexTemplate),
    );
  }
  if (indexTemplate !== undefined) {
    failOption(
      'Options dataStream and indexTemplate exclude each other: a data stream has one fixed name',
    );
  }
  if (
    typeof dataStream !== 'string' ||
    !isValidIndexName(dataStream) ||
    dataStream.startsWith('.ds-') ||
    /[{}]/.test(dataStream)
  ) {
    failOption(
      `Option dataStream must be a valid index name (lowercase; none of \\ / * ? " < > | , # : or space; not starting with - _ + or .ds-; at most 255 bytes; no template tokens); received ${describeReceived(dataStream)}`,
    );
  }
  if (action !== 'create') {
    failOption('Option action must be "create" with dataStream: data streams accept create only');
  }
  return () => dataStream;
}

function validateTimestamp(field: string, value: unknown): void {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_ISO_TIMESTAMP
  ) {
    failEvent(
      field,
      `an integer number of milliseconds from 0 to ${MAX_ISO_TIMESTAMP} (year 9999)`,
      value,
    );
  }
}

function validateNames(event: Pick<LogEventRecord, 'logGroup' | 'owner'>): void {
  if (typeof event.logGroup !== 'string') failEvent('logGroup', 'a string', event.logGroup);
  if (typeof event.owner !== 'string') failEvent('owner', 'a string', event.owner);
}

function validateEvent(event: LogEventRecord, documentIds: DocumentIdMode): void {
  if (typeof event !== 'object' || event === null) {
    throw new BulkError(`A log event must be an object; received ${describeReceived(event)}`, {
      code: 'invalid-event',
    });
  }
  const { id, message, logStream, subscriptionFilters, extractedFields, ingestionTime } = event;
  if (typeof id !== 'string' || id.length === 0) failEvent('id', 'a non-empty string', id);
  if (documentIds === 'event-id' && exceedsUtf8Bytes(id, ELASTICSEARCH_LIMITS.maxIdBytes)) {
    failEvent('id', `at most ${ELASTICSEARCH_LIMITS.maxIdBytes} UTF-8 bytes to be an _id`, id);
  }
  validateTimestamp('timestamp', event.timestamp);
  if (typeof message !== 'string') failEvent('message', 'a string', message);
  validateNames(event);
  if (typeof logStream !== 'string') failEvent('logStream', 'a string', logStream);
  if (subscriptionFilters !== undefined && !Array.isArray(subscriptionFilters)) {
    failEvent('subscriptionFilters', 'an array of strings when given', subscriptionFilters);
  }
  if (
    extractedFields !== undefined &&
    (typeof extractedFields !== 'object' ||
      extractedFields === null ||
      Array.isArray(extractedFields))
  ) {
    failEvent('extractedFields', 'an object when given', extractedFields);
  }
  if (ingestionTime !== undefined) validateTimestamp('ingestionTime', ingestionTime);
}

/**
 * Creates a {@link DocumentMapper}: validates the options once (so a bad template or limit fails
 * at cold start, not per event) and sets up the caches the hot path relies on — index names per
 * day and log group, the ISO date of the current day, the serialized account/log group/stream
 * fragment of the current log stream.
 *
 * Default documents follow {@link LogDocument}: ECS names, the message kept as is (cut to
 * `maxMessageBytes` with markers), JSON messages parsed into `json` (or the root, or not at all),
 * `_id` = the CloudWatch event id, used unchanged: it is unique per event, 56 bytes, and the
 * same id users see in CloudWatch, so `_id`, `event.id` and the console agree.
 *
 * @throws {BulkError} `invalid-options` or `invalid-template` naming the option and the rule.
 *
 * @example
 * ```ts
 * const mapper = createDocumentMapper({ indexTemplate: 'cwl-{yyyy.MM.dd}', region: process.env.AWS_REGION });
 * const operation = mapper.encodeOperation({
 *   id: '36990390990134150016227618181431330390633573838329307136',
 *   timestamp: 1658732828000,
 *   message: '{"level":"info"}',
 *   owner: '123456789012',
 *   logGroup: '/aws/lambda/orders',
 *   logStream: 'stream-1',
 * });
 * // '{"create":{"_index":"cwl-2022.07.25","_id":"3699…"}}\n{"@timestamp":"2022-07-25T07:07:08.000Z",…,"json":{"level":"info"}}\n'
 * ```
 */
export function createDocumentMapper<TEvent extends LogEventRecord = LogEventRecord>(
  options: DocumentMapperOptions<TEvent> = {},
): DocumentMapper<TEvent> {
  if (typeof options !== 'object' || options === null) {
    failOption(
      `createDocumentMapper options must be an object; received ${describeReceived(options)}`,
    );
  }
  const action = readChoiceOption('action', options.action, ['create', 'index'], 'create');
  const documentIds = readChoiceOption<DocumentIdMode>(
    'documentIds',
    options.documentIds,
    ['event-id', 'none'],
    'event-id',
  );
  const jsonMode = readChoiceOption<JsonMode>(
    'jsonMode',
    options.jsonMode,
    ['namespace', 'root', 'off'],
    'namespace',
  );
  const jsonNamespace = readNamespace(options.jsonNamespace);
  const maxJsonDepth = readIntegerOption(
    'maxJsonDepth',
    options.maxJsonDepth,
    BULK_DEFAULTS.maxJsonDepth,
    1,
    100,
  );
  const maxJsonFields = readIntegerOption(
    'maxJsonFields',
    options.maxJsonFields,
    BULK_DEFAULTS.maxJsonFields,
    1,
    100_000,
  );
  const maxMessageBytes = readIntegerOption(
    'maxMessageBytes',
    options.maxMessageBytes,
    BULK_DEFAULTS.maxMessageBytes,
    1,
    100 * 1024 * 1024,
  );
  const pipeline = readOptionalString('pipeline', options.pipeline);
  const region = readOptionalString('region', options.region);
  const { toDocument } = options;
  if (toDocument !== undefined && typeof toDocument !== 'function') {
    failOption(
      `Option toDocument must be a function when given; received ${describeReceived(toDocument)}`,
    );
  }
  const resolveIndex = readIndexTarget(options as DocumentMapperOptions<never>, action);

  const formatTimestamp = createIsoTimestampFormatter();
  const truncate = createUtf8Truncator(maxMessageBytes);
  const namespaceKey = JSON.stringify(jsonNamespace);
  const reservedSegments = new Set([...RESERVED_FIELDS, firstSegment(jsonNamespace)]);
  const regionFragment = region === undefined ? '' : `,"region":${JSON.stringify(region)}`;
  const actionLineSuffix = `${pipeline === undefined ? '' : `,"pipeline":${JSON.stringify(pipeline)}`}}}\n`;

  // One-entry memos: consecutive events of a batch share their stream, filters and index. The
  // filters memo is keyed by array identity (decoders share one readonly array per message).
  let memoOwner: string | undefined;
  let memoLogGroup: string | undefined;
  let memoLogStream: string | undefined;
  let memoStreamFragment = '';
  let memoFilters: readonly string[] | undefined;
  let memoFiltersFragment = '';
  let memoIndex: string | undefined;
  let memoActionLinePrefix = '';
  // Behind the stream memo, the fragments of recent streams by log stream name: a Kinesis batch
  // interleaves a few streams, and each switch would otherwise serialize three strings again.
  const streamFragments = new Map<string, StreamFragment>();

  function serializeStream(event: LogEventRecord): string {
    const { owner, logGroup, logStream } = event;
    if (owner !== memoOwner || logGroup !== memoLogGroup || logStream !== memoLogStream) {
      memoOwner = owner;
      memoLogGroup = logGroup;
      memoLogStream = logStream;
      const cached = streamFragments.get(logStream);
      if (cached !== undefined && cached.owner === owner && cached.logGroup === logGroup) {
        memoStreamFragment = cached.fragment;
      } else {
        memoStreamFragment = `,"cloud":{"provider":"aws"${regionFragment},"account":{"id":${JSON.stringify(owner)}}},"aws":{"cloudwatch":{"log_group":${JSON.stringify(logGroup)},"log_stream":${JSON.stringify(logStream)}`;
        // Bounded: a mapper living across many invocations must not collect every stream.
        if (streamFragments.size >= STREAM_FRAGMENT_CACHE_SIZE) streamFragments.clear();
        streamFragments.set(logStream, { owner, logGroup, fragment: memoStreamFragment });
      }
    }
    return memoStreamFragment;
  }

  function serializeFilters(filters: readonly string[] | undefined): string {
    if (filters === undefined || filters.length === 0) return '';
    if (filters !== memoFilters) {
      memoFilters = filters;
      memoFiltersFragment = `,"subscription_filters":${JSON.stringify(filters)}`;
    }
    return memoFiltersFragment;
  }

  function isReservedRootField(field: string): boolean {
    return field.charCodeAt(0) === 95 /* _ */ || reservedSegments.has(firstSegment(field));
  }

  function serializeRootFields(fields: Record<string, unknown>): string {
    let moved: Record<string, unknown> | undefined;
    for (const field in fields) {
      if (isReservedRootField(field)) {
        // A null-prototype object, so a "__proto__" field is stored as data, not as a prototype.
        moved ??= Object.create(null) as Record<string, unknown>;
        moved[field] = fields[field];
        delete fields[field];
      }
    }
    const rest = JSON.stringify(fields);
    // `{"a":1}` becomes `,"a":1`, appended after the reserved fields.
    const fragment = rest.length > 2 ? `,${rest.slice(1, -1)}` : '';
    return moved === undefined ? fragment : `${fragment},${namespaceKey}:${JSON.stringify(moved)}`;
  }

  function hasNoReservedRootField(fields: Record<string, unknown>): boolean {
    for (const field in fields) if (isReservedRootField(field)) return false;
    return true;
  }

  function serializeJsonFields(message: string): string {
    if (jsonMode === 'namespace') {
      // Fast path for the common case; anything it does not vouch for takes the full path below.
      const reusableText = findReusableJsonText(message, maxJsonDepth, maxJsonFields);
      if (reusableText !== undefined) return `,${namespaceKey}:${reusableText}`;
    }
    const extraction = extractJsonFields(message, maxJsonDepth, maxJsonFields);
    if (extraction === undefined) return '';
    if (extraction.skipped !== undefined)
      return `,"logferry":{"json_skipped":"${extraction.skipped}"}`;
    const { fields, text } = extraction;
    // The message text is reused as is when that is safe: no line break in it (pretty-printed
    // JSON would break the NDJSON line) and no duplicate key (Elasticsearch rejects those; the
    // parsed value has fewer keys than the text then). It is cheaper than re-serializing, and
    // keeps numbers exactly as written (JSON.parse rounds integers beyond 2^53).
    const reusable =
      !text.includes('\n') && !text.includes('\r') && countJsonKeys(text) === extraction.fieldCount;
    if (jsonMode === 'namespace') {
      return `,${namespaceKey}:${reusable ? text : JSON.stringify(fields)}`;
    }
    if (reusable && hasNoReservedRootField(fields)) {
      // `{"a":1}` becomes `,"a":1`, appended after the reserved fields.
      const inner = text.slice(1, -1);
      return inner.trim() === '' ? '' : `,${inner}`;
    }
    return serializeRootFields(fields);
  }

  /** The default document as JSON text: the single source of truth for its shape. */
  function serializeDefaultDocument(event: LogEventRecord, idJson: string): string {
    let message = event.message;
    let tail: string;
    const truncation = truncate(message);
    if (truncation !== undefined) {
      message = truncation.text;
      tail = `,"logferry":{"truncated":true,"original_bytes":${truncation.originalBytes}}`;
    } else {
      tail = jsonMode === 'off' ? '' : serializeJsonFields(message);
    }
    const { ingestionTime, extractedFields } = event;
    const ingestion =
      ingestionTime === undefined ? '' : `,"ingestion_time":"${formatTimestamp(ingestionTime)}"`;
    const extracted =
      extractedFields === undefined ? '' : `,"extracted_fields":${JSON.stringify(extractedFields)}`;
    return `{"@timestamp":"${formatTimestamp(event.timestamp)}","message":${JSON.stringify(message)}${serializeStream(event)}${ingestion}${serializeFilters(event.subscriptionFilters)}${extracted}}},"event":{"id":${idJson}}${tail}}`;
  }

  function createDefaultDocument(event: LogEventRecord): Record<string, unknown> {
    const text = serializeDefaultDocument(event, JSON.stringify(event.id));
    return JSON.parse(text) as Record<string, unknown>;
  }

  function createDocumentOf(event: TEvent): Record<string, unknown> {
    validateEvent(event, documentIds);
    if (toDocument === undefined) return createDefaultDocument(event);
    let document: unknown;
    try {
      document = toDocument(event, () => createDefaultDocument(event));
    } catch (error) {
      if (error instanceof BulkError) throw error;
      throw new BulkError(`Option toDocument threw for event ${describeReceived(event.id)}`, {
        code: 'invalid-document',
        cause: error,
      });
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new BulkError(
        `Option toDocument must return a plain object (the document); for event ${describeReceived(event.id)} it returned ${describeReceived(document)}`,
        { code: 'invalid-document' },
      );
    }
    return document as Record<string, unknown>;
  }

  function createOperationOf(event: TEvent): BulkOperation {
    const source = createDocumentOf(event);
    return {
      action,
      index: resolveIndex(event.timestamp, event.logGroup, event.owner),
      ...(documentIds === 'event-id' ? { id: event.id } : {}),
      ...(pipeline === undefined ? {} : { pipeline }),
      source,
    };
  }

  return {
    action,
    resolveIndexName(event) {
      if (typeof event !== 'object' || event === null) {
        throw new BulkError(`A log event must be an object; received ${describeReceived(event)}`, {
          code: 'invalid-event',
        });
      }
      validateTimestamp('timestamp', event.timestamp);
      validateNames(event);
      return resolveIndex(event.timestamp, event.logGroup, event.owner);
    },
    createDocument: createDocumentOf,
    createOperation: createOperationOf,
    encodeOperation(event) {
      if (toDocument !== undefined) return encodeBulkOperation(createOperationOf(event));
      validateEvent(event, documentIds);
      const index = resolveIndex(event.timestamp, event.logGroup, event.owner);
      if (index !== memoIndex) {
        memoIndex = index;
        memoActionLinePrefix = `{"${action}":{"_index":${JSON.stringify(index)}`;
      }
      const idJson = JSON.stringify(event.id);
      const actionLine =
        documentIds === 'event-id'
          ? `${memoActionLinePrefix},"_id":${idJson}${actionLineSuffix}`
          : `${memoActionLinePrefix}${actionLineSuffix}`;
      return createEncodedOperation(`${actionLine}${serializeDefaultDocument(event, idJson)}\n`);
    },
  };
}
