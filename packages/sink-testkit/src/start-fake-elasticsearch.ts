import type { IncomingHttpHeaders } from 'node:http';
import { checkElasticsearchAuth, type FakeElasticsearchAuth } from './check-elasticsearch-auth';
import { decodeContentEncoding } from './decode-content-encoding';
import { describeReceived } from './describe-received';
import { ElasticsearchStore, type StoredDocument } from './elasticsearch-store';
import { SinkTestkitError } from './errors';
import type { Fault } from './fault-script';
import { type BulkOperation, parseBulkBody } from './parse-bulk-body';
import { renderElasticsearchError } from './render-elasticsearch-error';
import {
  type ScriptedRequest,
  type ScriptedResponse,
  startScriptedServer,
} from './start-scripted-server';
import { validateIndexName } from './validate-index-name';

/**
 * Options of {@link startFakeElasticsearch}.
 *
 * @example
 * ```ts
 * const options: FakeElasticsearchOptions = {
 *   auth: { kind: 'basic', username: 'elastic', password: 'changeme' },
 *   maxRequestBytes: 10 * 1024 * 1024,
 * };
 * ```
 */
export interface FakeElasticsearchOptions {
  /**
   * Credentials every request must carry, including `GET /`.
   * @default no authentication
   */
  readonly auth?: FakeElasticsearchAuth;
  /**
   * Request bodies above this many bytes (as sent, i.e. compressed) get a 413 with an HTML body,
   * as the AWS front end of an OpenSearch domain answers (10 MiB on small instance types).
   * @default no limit
   */
  readonly maxRequestBytes?: number;
  /**
   * Which product `GET /` and the response headers claim to be.
   * @default 'elasticsearch'
   */
  readonly distribution?: 'elasticsearch' | 'opensearch';
  /**
   * Version number reported by `GET /`.
   * @default '8.15.0' (Elasticsearch) or '2.15.0' (OpenSearch)
   */
  readonly version?: string;
  /**
   * Cluster name reported by `GET /`.
   * @default 'logferry-fake'
   */
  readonly clusterName?: string;
}

/**
 * The bulk action an item failure's `match` function sees.
 *
 * @example
 * ```ts
 * const action: BulkItemAction = { action: 'create', index: 'cwl-2024.06.01', id: '3699…' };
 * ```
 */
export interface BulkItemAction {
  readonly action: 'create' | 'index' | 'delete';
  readonly index: string;
  /** The `_id` the client sent; `undefined` when Elasticsearch generates one. */
  readonly id: string | undefined;
}

/**
 * A scripted per-item failure: matching bulk items fail with this status and error instead of
 * being stored, while the rest of the request succeeds (`errors: true`, HTTP 200).
 *
 * @example
 * ```ts
 * fake.failItems({ match: (action) => action.id === record.id, status: 429, times: 1 });
 * ```
 */
export interface ItemFailure {
  /**
   * Which items fail.
   * @default every item
   */
  readonly match?: (
    action: BulkItemAction,
    source: Readonly<Record<string, unknown>> | undefined,
  ) => boolean;
  /** The item's status, 400–599: 429 and 5xx are transient, other 4xx permanent. */
  readonly status: number;
  /**
   * The error's `type`.
   * @default `es_rejected_execution_exception` (429), `document_parsing_exception` (400),
   *   `unavailable_shards_exception` (503), `exception` (others)
   */
  readonly type?: string;
  /**
   * The error's `reason`.
   * @default a realistic reason for the type
   */
  readonly reason?: string;
  /**
   * How many items fail before the failure is used up; `Number.POSITIVE_INFINITY` keeps it.
   * @default 1
   */
  readonly times?: number;
}

/**
 * Counters of a fake Elasticsearch.
 *
 * @example
 * ```ts
 * expect(fake.stats()).toMatchObject({ itemsAccepted: 10, duplicatesRejected: 0 });
 * ```
 */
export interface FakeElasticsearchStats {
  /** Every request received, including faulted and rejected ones. */
  readonly requests: number;
  /** `_bulk` requests handled (not faulted, authenticated, parsed or not). */
  readonly bulkRequests: number;
  /** Bulk items durably applied (created, updated or deleted). */
  readonly itemsAccepted: number;
  /** `create` items refused with 409 because the id already existed. */
  readonly duplicatesRejected: number;
  /** Items that failed for another reason (validation, parsing, scripted item failures). */
  readonly itemsFailed: number;
  /** Largest request body received, in bytes as sent. */
  readonly largestRequestBytes: number;
  /** Scripted whole-request faults applied. */
  readonly faultsApplied: number;
}

/**
 * A request the fake handled (faulted requests never reach it), for asserting headers and bytes.
 *
 * @example
 * ```ts
 * expect(fake.requests()[0]).toMatchObject({ method: 'POST', path: '/_bulk', status: 200 });
 * ```
 */
export interface RecordedElasticsearchRequest {
  readonly method: string;
  /** Path and query string as sent. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** Body size as sent on the wire. */
  readonly rawBytes: number;
  /** Body after `content-encoding` was undone, as UTF-8 text (empty when it could not be). */
  readonly body: string;
  /** The status the fake answered with. */
  readonly status: number;
}

/**
 * A running fake Elasticsearch / OpenSearch node.
 *
 * @example
 * ```ts
 * const fake = await startFakeElasticsearch();
 * try {
 *   await fetch(`${fake.url}/_bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
 *   expect(fake.storedIds()).toEqual(['1']);
 * } finally {
 *   await fake.close();
 * }
 * ```
 */
export interface FakeElasticsearch {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** Requests received so far, including faulted ones. */
  requestCount(): number;
  /** Scripts a whole-request fault (429/5xx answer, hang, reset, lost response, delay). */
  injectFault(fault: Fault): void;
  /** Drops scripted whole-request faults and item failures that have not been used up. */
  clearFaults(): void;
  /** Scripts a per-item failure inside otherwise successful bulk requests. */
  failItems(failure: ItemFailure): void;
  /** `_id` of every stored document across all indices, one entry per stored copy. */
  storedIds(): string[];
  /** Stored documents, in index creation then first-write order; only `index` when given. */
  documents(index?: string): StoredDocument[];
  /** Requests the fake handled, oldest first. */
  requests(): readonly RecordedElasticsearchRequest[];
  stats(): FakeElasticsearchStats;
  /** Stops the server and destroys open connections (hung requests included). */
  close(): Promise<void>;
}

interface ScriptedItemFailure {
  readonly failure: ItemFailure;
  remaining: number;
}

const bulkContentTypes = new Set([
  'application/json',
  'application/x-ndjson',
  'application/vnd.elasticsearch+json',
  'application/vnd.elasticsearch+x-ndjson',
]);
const shards = '{"total":2,"successful":1,"failed":0}';

/**
 * Starts an in-memory fake of an Elasticsearch 8 / OpenSearch 2 node on 127.0.0.1 that behaves
 * like the real one where a log sink can get it wrong: strict NDJSON `_bulk` (index, create,
 * delete; conflicts, overwrites, index-name validation, gzip bodies, content-type checks),
 * real response and error shapes, optional basic / API-key / SigV4 authentication, `GET /`,
 * `_count`, `_search?q=`, `_cat/indices`, `_doc/{id}`, plus scripted faults and item failures.
 *
 * @example
 * ```ts
 * const fake = await startFakeElasticsearch({ auth: { kind: 'api-key', id: 'key-1', apiKey: 'secret' } });
 * fake.failItems({ status: 429, times: 1 });
 * fake.injectFault({ kind: 'status', status: 502 });
 * ```
 */
export async function startFakeElasticsearch(
  options: FakeElasticsearchOptions = {},
): Promise<FakeElasticsearch> {
  validateOptions(options);
  const distribution = options.distribution ?? 'elasticsearch';
  const version = options.version ?? (distribution === 'opensearch' ? '2.15.0' : '8.15.0');
  const clusterName = options.clusterName ?? 'logferry-fake';
  const store = new ElasticsearchStore();
  const itemFailures: ScriptedItemFailure[] = [];
  const recorded: RecordedElasticsearchRequest[] = [];
  let bulkRequests = 0;
  let itemsAccepted = 0;
  let duplicatesRejected = 0;
  let itemsFailed = 0;

  const productHeaders: Record<string, string> =
    distribution === 'elasticsearch' ? { 'x-elastic-product': 'Elasticsearch' } : {};

  const handle = async (request: ScriptedRequest): Promise<ScriptedResponse> => {
    const decoded = decodeContentEncoding(
      request.rawBody,
      header(request.headers, 'content-encoding'),
    );
    const bodyText = decoded.ok ? decoded.body.toString('utf8') : '';
    const response = await route(request, decoded.ok ? bodyText : undefined, decoded);
    recorded.push({
      method: request.method,
      path: request.path,
      headers: request.headers,
      rawBytes: request.rawBody.length,
      body: bodyText,
      status: response.status,
    });
    return { ...response, headers: { ...productHeaders, ...response.headers } };
  };

  const route = async (
    request: ScriptedRequest,
    bodyText: string | undefined,
    decoded: ReturnType<typeof decodeContentEncoding>,
  ): Promise<ScriptedResponse> => {
    if (options.auth !== undefined) {
      const denied = await checkElasticsearchAuth(options.auth, {
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.rawBody,
      });
      if (denied !== undefined) return denied;
    }
    if (!decoded.ok) {
      return renderElasticsearchError(400, 'illegal_argument_exception', decoded.reason);
    }
    let segments: string[];
    try {
      segments = request.pathname
        .split('/')
        .filter((segment) => segment !== '')
        .map((segment) => decodeURIComponent(segment));
    } catch {
      return renderElasticsearchError(
        400,
        'illegal_argument_exception',
        `unable to decode the path [${request.pathname.slice(0, 200)}]`,
      );
    }
    const method = request.method;
    const [first, second, third] = segments;

    if (segments.length === 0) {
      return allow(request, ['GET', 'HEAD']) ?? clusterInfo();
    }
    if (
      (first === '_bulk' && segments.length === 1) ||
      (second === '_bulk' && segments.length === 2)
    ) {
      const rejected = allow(request, ['POST', 'PUT']) ?? checkContentType(request.headers);
      if (rejected !== undefined) return rejected;
      bulkRequests += 1;
      return bulk(bodyText ?? '', first === '_bulk' ? undefined : first);
    }
    if (
      (first === '_count' && segments.length === 1) ||
      (second === '_count' && segments.length === 2)
    ) {
      return (
        allow(request, ['GET', 'POST']) ?? count(first === '_count' ? '' : first!, request.query)
      );
    }
    if (
      (first === '_search' && segments.length === 1) ||
      (second === '_search' && segments.length === 2)
    ) {
      return (
        allow(request, ['GET', 'POST']) ?? search(first === '_search' ? '' : first!, request.query)
      );
    }
    if (first === '_cat' && second === 'indices' && segments.length <= 3) {
      return allow(request, ['GET']) ?? catIndices(third ?? '', request.query);
    }
    if (
      (first === '_refresh' && segments.length === 1) ||
      (second === '_refresh' && segments.length === 2)
    ) {
      return allow(request, ['GET', 'POST']) ?? json(200, `{"_shards":${shards}}`);
    }
    if (second === '_doc' && third !== undefined && segments.length === 3) {
      return allow(request, ['GET', 'HEAD']) ?? getDocument(first!, third);
    }
    return json(
      400,
      JSON.stringify({
        error: `no handler found for uri [${request.path.slice(0, 200)}] and method [${method}]`,
        status: 400,
      }),
    );
  };

  const clusterInfo = (): ScriptedResponse => {
    const versionInfo =
      distribution === 'opensearch'
        ? {
            distribution: 'opensearch',
            number: version,
            build_type: 'tar',
            build_hash: '0000000000000000000000000000000000000000',
            build_date: '2024-06-20T03:26:49.193630411Z',
            build_snapshot: false,
            lucene_version: '9.10.0',
            minimum_wire_compatibility_version: '7.10.0',
            minimum_index_compatibility_version: '7.0.0',
          }
        : {
            number: version,
            build_flavor: 'default',
            build_type: 'docker',
            build_hash: '0000000000000000000000000000000000000000',
            build_date: '2024-08-05T10:05:34.233336849Z',
            build_snapshot: false,
            lucene_version: '9.11.1',
            minimum_wire_compatibility_version: '7.17.0',
            minimum_index_compatibility_version: '7.0.0',
          };
    return json(
      200,
      JSON.stringify({
        name: 'fake-node-1',
        cluster_name: clusterName,
        cluster_uuid: 'bG9nZmVycnktZmFrZS1jbHU',
        version: versionInfo,
        tagline:
          distribution === 'opensearch'
            ? 'The OpenSearch Project: https://opensearch.org/'
            : 'You Know, for Search',
      }),
    );
  };

  const bulk = (bodyText: string, pathIndex: string | undefined): ScriptedResponse => {
    const started = performance.now();
    const parsed = parseBulkBody(bodyText, pathIndex);
    if (!parsed.ok) {
      return renderElasticsearchError(
        parsed.failure.status,
        parsed.failure.type,
        parsed.failure.reason,
      );
    }
    let errors = false;
    const items = parsed.operations.map((operation) => {
      const item = applyOperation(operation);
      if (item.failed) errors = true;
      return item.json;
    });
    const took = Math.round(performance.now() - started);
    return json(200, `{"errors":${errors},"took":${took},"items":[${items.join(',')}]}`);
  };

  const applyOperation = (operation: BulkOperation): { json: string; failed: boolean } => {
    const { action, index, id } = operation;
    const invalidIndex = validateIndexName(index);
    if (invalidIndex !== undefined) {
      itemsFailed += 1;
      return itemError(action, index, id ?? null, 400, {
        type: 'invalid_index_name_exception',
        reason: invalidIndex,
        index_uuid: '_na_',
        index,
      });
    }
    if (operation.sourceError !== undefined) {
      itemsFailed += 1;
      return itemError(action, index, id ?? null, 400, {
        type: 'document_parsing_exception',
        reason: operation.sourceError.replace(/^(\[\d+:\d+\])/, '$1 failed to parse:'),
        caused_by: { type: 'x_content_parse_exception', reason: operation.sourceError },
      });
    }
    const scripted = takeItemFailure({ action, index, id }, operation.source);
    if (scripted !== undefined) {
      itemsFailed += 1;
      return itemError(action, index, id ?? null, scripted.status, {
        type: scripted.type ?? defaultItemErrorType(scripted.status),
        reason: scripted.reason ?? defaultItemErrorReason(scripted.status, index, id),
      });
    }
    const result = store.write(action, index, id, operation.source);
    if (result.kind === 'conflict') {
      duplicatesRejected += 1;
      return itemError(action, index, result.id, 409, {
        type: 'version_conflict_engine_exception',
        reason: `[${result.id}]: version conflict, document already exists (current version [${result.currentVersion}])`,
        index_uuid: store.uuidOf(index),
        shard: '0',
        index,
      });
    }
    if (result.kind === 'index-missing') {
      itemsFailed += 1;
      return itemError(action, index, result.id, 404, {
        type: 'index_not_found_exception',
        reason: `no such index [${index}]`,
        'resource.type': 'index_or_alias',
        'resource.id': index,
        index_uuid: '_na_',
        index,
      });
    }
    if (result.result !== 'not_found') itemsAccepted += 1;
    return {
      failed: false,
      json: `{${JSON.stringify(action)}:{"_index":${JSON.stringify(index)},"_id":${JSON.stringify(result.id)},"_version":${result.version},"result":"${result.result}","_shards":${shards},"_seq_no":${result.seqNo},"_primary_term":1,"status":${result.status}}}`,
    };
  };

  const takeItemFailure = (
    action: BulkItemAction,
    source: Readonly<Record<string, unknown>> | undefined,
  ): ItemFailure | undefined => {
    const index = itemFailures.findIndex(
      (scripted) => scripted.failure.match === undefined || scripted.failure.match(action, source),
    );
    if (index === -1) return undefined;
    const scripted = itemFailures[index]!;
    scripted.remaining -= 1;
    if (scripted.remaining <= 0) itemFailures.splice(index, 1);
    return scripted.failure;
  };

  const count = (expression: string, query: URLSearchParams): ScriptedResponse => {
    const resolved = store.resolve(expression);
    if ('missing' in resolved) return indexNotFound(resolved.missing);
    const matched = store.documents(resolved.indices).filter(createMatcher(query.get('q')));
    return json(
      200,
      `{"count":${matched.length},"_shards":{"total":${resolved.indices.length},"successful":${resolved.indices.length},"skipped":0,"failed":0}}`,
    );
  };

  const search = (expression: string, query: URLSearchParams): ScriptedResponse => {
    const resolved = store.resolve(expression);
    if ('missing' in resolved) return indexNotFound(resolved.missing);
    const matched = store.documents(resolved.indices).filter(createMatcher(query.get('q')));
    const from = readPaging(query.get('from'), 0);
    const size = readPaging(query.get('size'), 10);
    const hits = matched.slice(from, from + size).map((document) => ({
      _index: document.index,
      _id: document.id,
      _score: 1,
      _source: document.source,
    }));
    return json(
      200,
      JSON.stringify({
        took: 1,
        timed_out: false,
        _shards: {
          total: resolved.indices.length,
          successful: resolved.indices.length,
          skipped: 0,
          failed: 0,
        },
        hits: {
          total: { value: matched.length, relation: 'eq' },
          max_score: hits.length > 0 ? 1 : null,
          hits,
        },
      }),
    );
  };

  const catIndices = (expression: string, query: URLSearchParams): ScriptedResponse => {
    const resolved = store.resolve(expression);
    if ('missing' in resolved) return indexNotFound(resolved.missing);
    const rows = resolved.indices.map((name) => {
      const documents = store.documents([name]);
      const size = formatBytes(
        documents.reduce((total, document) => total + JSON.stringify(document.source).length, 0),
      );
      return {
        health: 'yellow',
        status: 'open',
        index: name,
        uuid: store.uuidOf(name),
        pri: '1',
        rep: '1',
        'docs.count': String(documents.length),
        'docs.deleted': '0',
        'store.size': size,
        'pri.store.size': size,
        'dataset.size': size,
      };
    });
    if (query.get('format') === 'json') return json(200, JSON.stringify(rows));
    const text = rows.map((row) => `${Object.values(row).join(' ')}\n`).join('');
    return { status: 200, headers: { 'content-type': 'text/plain; charset=UTF-8' }, body: text };
  };

  const getDocument = (index: string, id: string): ScriptedResponse => {
    const document = store.get(index, id);
    if (document === undefined) {
      if (!store.indexNames().includes(index)) return indexNotFound(index);
      return json(404, JSON.stringify({ _index: index, _id: id, found: false }));
    }
    return json(
      200,
      JSON.stringify({
        _index: index,
        _id: id,
        _version: document.version,
        _seq_no: document.seqNo,
        _primary_term: 1,
        found: true,
        _source: document.source,
      }),
    );
  };

  const server = await startScriptedServer({
    name: 'fake Elasticsearch',
    ...(options.maxRequestBytes === undefined ? {} : { maxRequestBytes: options.maxRequestBytes }),
    handle,
  });

  return {
    url: server.url,
    requestCount: () => server.requestCount(),
    injectFault: (fault) => server.faults.inject(fault),
    clearFaults: () => {
      server.faults.clear();
      itemFailures.length = 0;
    },
    failItems: (failure) => {
      itemFailures.push({ failure, remaining: validateItemFailure(failure) });
    },
    storedIds: () => store.documents().map((document) => document.id),
    documents: (index) => store.documents(index === undefined ? undefined : [index]),
    requests: () => [...recorded],
    stats: () => ({
      requests: server.requestCount(),
      bulkRequests,
      itemsAccepted,
      duplicatesRejected,
      itemsFailed,
      largestRequestBytes: server.largestRequestBytes(),
      faultsApplied: server.faults.applied,
    }),
    close: () => server.close(),
  };
}

function allow(request: ScriptedRequest, methods: readonly string[]): ScriptedResponse | undefined {
  if (methods.includes(request.method)) return undefined;
  return json(
    405,
    JSON.stringify({
      error: `Incorrect HTTP method for uri [${request.path.slice(0, 200)}] and method [${request.method}], allowed: [${methods.join(', ')}]`,
      status: 405,
    }),
  );
}

function checkContentType(headers: IncomingHttpHeaders): ScriptedResponse | undefined {
  const contentType = header(headers, 'content-type');
  if (contentType === undefined || contentType.trim() === '') {
    return json(406, '{"error":"Content-Type header is missing","status":406}');
  }
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (bulkContentTypes.has(mediaType)) return undefined;
  return json(
    406,
    JSON.stringify({
      error: `Content-Type header [${contentType.slice(0, 100)}] is not supported`,
      status: 406,
    }),
  );
}

function itemError(
  action: string,
  index: string,
  id: string | null,
  status: number,
  error: Readonly<Record<string, unknown>>,
): { json: string; failed: boolean } {
  return {
    failed: true,
    json: `{${JSON.stringify(action)}:{"_index":${JSON.stringify(index)},"_id":${JSON.stringify(id)},"status":${status},"error":${JSON.stringify(error)}}}`,
  };
}

function indexNotFound(index: string): ScriptedResponse {
  return renderElasticsearchError(404, 'index_not_found_exception', `no such index [${index}]`, {
    'resource.type': 'index_or_alias',
    'resource.id': index,
    index_uuid: '_na_',
    index,
  });
}

function json(status: number, body: string): ScriptedResponse {
  return { status, headers: { 'content-type': 'application/json' }, body };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * A minimal `q=` matcher: terms separated by spaces, any term may match (Elasticsearch's default
 * OR); a term is `word` (searched in `message`) or `field:word`, compared as lowercase tokens. A
 * term with `*` or `?` is a wildcard matched against each token, as `query_string` does on an
 * analyzed field: `*cats*` finds "ilikecats".
 */
function createMatcher(q: string | null): (document: StoredDocument) => boolean {
  if (q === null || q.trim() === '' || q.trim() === '*') return () => true;
  const terms = q
    .trim()
    .split(/\s+/)
    .map((term) => {
      const separator = term.indexOf(':');
      const field = separator > 0 ? term.slice(0, separator) : 'message';
      const text = separator > 0 ? term.slice(separator + 1) : term;
      return { field, matches: createTermMatcher(text) };
    });
  return (document) =>
    terms.some(({ field, matches }) => {
      const value = document.source[field];
      if (value === undefined || value === null) return false;
      return matches(tokenize(String(value)));
    });
}

function createTermMatcher(text: string): (fieldTokens: readonly string[]) => boolean {
  if (/[*?]/.test(text)) {
    const pattern = text
      .toLowerCase()
      .split('')
      .map((character) => {
        if (character === '*') return '.*';
        if (character === '?') return '.';
        return character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    const wildcard = new RegExp(`^${pattern}$`, 'u');
    return (fieldTokens) => fieldTokens.some((token) => wildcard.test(token));
  }
  const tokens = tokenize(text);
  return (fieldTokens) => {
    const present = new Set(fieldTokens);
    return tokens.length > 0 && tokens.every((token) => present.has(token));
  };
}

function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '');
}

function readPaging(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed >= 0 ? Math.min(parsed, 10_000) : fallback;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes}b` : `${(bytes / 1024).toFixed(1)}kb`;
}

function defaultItemErrorType(status: number): string {
  if (status === 429) return 'es_rejected_execution_exception';
  if (status === 400) return 'document_parsing_exception';
  if (status === 503) return 'unavailable_shards_exception';
  return 'exception';
}

function defaultItemErrorReason(status: number, index: string, id: string | undefined): string {
  if (status === 429) {
    return `rejected execution of primary operation [shard_detail=[${index}][0][P], shard_operation_bytes=1024, max_coordinating_and_primary_bytes=0]`;
  }
  if (status === 400) {
    return `[1:15] failed to parse field [status] of type [long] in document with id '${id ?? ''}'. Preview of field's value: 'OK'`;
  }
  if (status === 503) return `[${index}][0] primary shard is not active Timeout: [1m]`;
  return `scripted item failure with status ${status}`;
}

function validateOptions(options: FakeElasticsearchOptions): void {
  if (
    options.maxRequestBytes !== undefined &&
    (!Number.isSafeInteger(options.maxRequestBytes) || options.maxRequestBytes < 1)
  ) {
    throw invalidOption('maxRequestBytes', 'a positive integer', options.maxRequestBytes);
  }
  if (
    options.distribution !== undefined &&
    options.distribution !== 'elasticsearch' &&
    options.distribution !== 'opensearch'
  ) {
    throw invalidOption('distribution', "'elasticsearch' or 'opensearch'", options.distribution);
  }
  const auth = options.auth as Partial<Record<string, unknown>> | undefined;
  if (auth === undefined) return;
  const requireString = (field: string) => {
    const value = auth[field];
    if (typeof value !== 'string' || value === '') {
      // Print only the type: the value may be a credential.
      throw invalidOption(`auth.${field}`, 'a non-empty string', typeof value);
    }
  };
  switch (auth.kind) {
    case 'basic':
      requireString('username');
      requireString('password');
      break;
    case 'api-key':
      requireString('id');
      requireString('apiKey');
      break;
    case 'sigv4':
      requireString('region');
      if (auth.service !== 'es' && auth.service !== 'aoss') {
        throw invalidOption('auth.service', "'es' or 'aoss'", auth.service);
      }
      if (auth.verifyRequest !== undefined && typeof auth.verifyRequest !== 'function') {
        throw invalidOption('auth.verifyRequest', 'a function', typeof auth.verifyRequest);
      }
      break;
    default:
      throw invalidOption('auth.kind', "'basic', 'api-key' or 'sigv4'", auth.kind);
  }
}

function validateItemFailure(failure: ItemFailure): number {
  const status = failure?.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    throw new SinkTestkitError(
      `failItems: status must be an integer from 400 to 599; received ${describeReceived(status)}`,
      { code: 'invalid-fault' },
    );
  }
  const times = failure.times ?? 1;
  if (!(times === Number.POSITIVE_INFINITY || (Number.isSafeInteger(times) && times >= 1))) {
    throw new SinkTestkitError(
      `failItems: times must be a positive integer or Number.POSITIVE_INFINITY; received ${describeReceived(times)}`,
      { code: 'invalid-fault' },
    );
  }
  if (failure.match !== undefined && typeof failure.match !== 'function') {
    throw new SinkTestkitError(
      `failItems: match must be a function of (action, source); received ${describeReceived(failure.match)}`,
      { code: 'invalid-fault' },
    );
  }
  return times;
}

function invalidOption(name: string, rule: string, received: unknown): SinkTestkitError {
  return new SinkTestkitError(
    `startFakeElasticsearch: option ${name} must be ${rule}; received ${describeReceived(received)}`,
    { code: 'invalid-options' },
  );
}
