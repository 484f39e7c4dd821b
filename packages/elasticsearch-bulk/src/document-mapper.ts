import type { BulkAction, BulkOperation, EncodedBulkOperation } from './bulk-operation';
import type { LogEventRecord } from './log-event-record';

/**
 * Where the fields of a JSON log message go.
 *
 * - `namespace`: under one object (`jsonNamespace`, default `json`). The safe default: an
 *   application's field names cannot collide with ours or with another application's types.
 * - `root`: merged into the document root. Keys that would touch a reserved field (`@timestamp`,
 *   `message`, `event`, `aws`, `cloud`, `logferry`, the namespace itself — also as a dotted prefix
 *   such as `aws.region`) or start with `_` (metadata fields Elasticsearch refuses) are moved under
 *   the namespace instead of being dropped.
 * - `off`: messages are never parsed.
 *
 * @example
 * ```ts
 * const jsonMode: JsonMode = 'namespace';
 * ```
 */
export type JsonMode = 'namespace' | 'root' | 'off';

/**
 * How documents get their `_id`.
 *
 * - `event-id`: the CloudWatch event id, unchanged. Re-delivery of an event (Kinesis replays,
 *   Lambda retries) then hits the existing document: `create` answers 409, counted as delivered.
 * - `none`: no `_id`; the cluster generates one. Needed for OpenSearch Serverless time-series
 *   collections, which refuse custom ids. Delivery becomes at-least-once: a replayed event is
 *   stored again. `event.id` is still in every document, so duplicates can be found and collapsed
 *   at query time.
 *
 * @example
 * ```ts
 * const documentIds: DocumentIdMode = 'none'; // OpenSearch Serverless time series
 * ```
 */
export type DocumentIdMode = 'event-id' | 'none';

/**
 * Options of `createDocumentMapper`. All are validated once, when the mapper is created.
 *
 * @example
 * ```ts
 * const options: DocumentMapperOptions = {
 *   indexTemplate: 'logs-{logGroup}-{yyyy.MM.dd}',
 *   jsonMode: 'namespace',
 *   maxMessageBytes: 64 * 1024,
 * };
 * ```
 */
export interface DocumentMapperOptions<TEvent extends LogEventRecord = LogEventRecord> {
  /**
   * Index name template. Tokens: `{yyyy}` `{MM}` `{dd}` `{HH}` `{yyyy.MM}` `{yyyy.MM.dd}` (UTC,
   * from the event time), `{logGroup}` and `{owner}` (sanitized). Fixed text may use
   * `a-z 0-9 . _ -`. Cannot be combined with `dataStream`.
   * @default 'cwl-{yyyy.MM.dd}'
   */
  readonly indexTemplate?: string;
  /**
   * Write every document to this data stream instead (fixed name, no date; `create` only). Must be
   * a valid index name not starting with `.ds-`.
   * @default undefined
   */
  readonly dataStream?: string;
  /**
   * Bulk action. `create` makes re-delivery idempotent; `index` overwrites. Data streams accept
   * `create` only.
   * @default 'create'
   */
  readonly action?: BulkAction;
  /**
   * Where `_id` comes from (see {@link DocumentIdMode}).
   * @default 'event-id'
   */
  readonly documentIds?: DocumentIdMode;
  /**
   * Ingest pipeline for every document.
   * @default undefined
   */
  readonly pipeline?: string;
  /**
   * Where the fields of JSON messages go (see {@link JsonMode}).
   * @default 'namespace'
   */
  readonly jsonMode?: JsonMode;
  /**
   * The object JSON fields go under. Must not be, or start with, a reserved field or `_`, and may
   * use dots for nesting (`app.fields`).
   * @default 'json'
   */
  readonly jsonNamespace?: string;
  /**
   * Deepest nesting of objects and arrays in a JSON message; deeper messages stay text only, with
   * `logferry.json_skipped: 'max-depth'`. From 1 to 100.
   * @default 10
   */
  readonly maxJsonDepth?: number;
  /**
   * Most keys, counted at every depth, in a JSON message; more stay text only, with
   * `logferry.json_skipped: 'max-fields'`. From 1 to 100,000.
   * @default 200
   */
  readonly maxJsonFields?: number;
  /**
   * Longest message in UTF-8 bytes. Longer messages are cut on a character boundary and marked
   * with `logferry.truncated: true` and `logferry.original_bytes`; their JSON is not extracted.
   * From 1 to 104,857,600.
   * @default 262144 (256 KiB)
   */
  readonly maxMessageBytes?: number;
  /**
   * AWS region written to `cloud.region` (the app usually passes `process.env.AWS_REGION`; the
   * subscription message does not carry it).
   * @default undefined
   */
  readonly region?: string;
  /**
   * Builds the document yourself. Receives the event and a function returning the default
   * document (built only if called), and must return a JSON-serializable plain object. Index,
   * action, `_id` and pipeline are still set by the mapper.
   * @default undefined (the {@link LogDocument} shape)
   */
  readonly toDocument?: (
    event: TEvent,
    createDefaultDocument: () => Record<string, unknown>,
  ) => object;
}

/**
 * Turns log events into bulk operations. Created once (options validated, caches set up), then
 * called per event.
 *
 * @example
 * ```ts
 * const mapper: DocumentMapper = createDocumentMapper();
 * const encoded = records.map((record) => mapper.encodeOperation(record));
 * ```
 */
export interface DocumentMapper<TEvent extends LogEventRecord = LogEventRecord> {
  /** The bulk action every operation uses. */
  readonly action: BulkAction;
  /**
   * The index (or data stream) an event goes to. Always a valid index name.
   * @throws {BulkError} `invalid-event` for a timestamp out of range or non-string names.
   */
  resolveIndexName(event: Pick<LogEventRecord, 'timestamp' | 'logGroup' | 'owner'>): string;
  /**
   * The document for an event, as an object.
   * @throws {BulkError} `invalid-event` for an unusable event, `invalid-document` when
   * `toDocument` throws or returns a non-object.
   */
  createDocument(event: TEvent): Record<string, unknown>;
  /**
   * The bulk operation for an event, as an object (for inspection or changes before encoding).
   * @throws {BulkError} like {@link DocumentMapper.createDocument}.
   */
  createOperation(event: TEvent): BulkOperation;
  /**
   * The bulk operation for an event, encoded as its two NDJSON lines: the hot path. Parses to the
   * same JSON as `encodeBulkOperation(createOperation(event))`, but is built as a string directly,
   * without the intermediate objects.
   * @throws {BulkError} like {@link DocumentMapper.createDocument}, and `invalid-operation` when
   * a `toDocument` result cannot be serialized.
   */
  encodeOperation(event: TEvent): EncodedBulkOperation;
}
