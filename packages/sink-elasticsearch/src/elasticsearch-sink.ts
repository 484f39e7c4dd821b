import type { SendOptions, SendResult, Sink, SinkRecord } from '@logferry/sink';

/**
 * What `toJSON()` and `util.inspect` show of a sink: its settings, never its credentials.
 *
 * @example
 * ```ts
 * const description: ElasticsearchSinkDescription = {
 *   name: 'elasticsearch',
 *   url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
 *   auth: { type: 'aws-sigv4', service: 'es', region: 'eu-west-1' },
 *   compression: 'gzip',
 *   gzipLevel: 1,
 *   maxBytes: 5_242_880,
 *   maxOperations: 5_000,
 *   timeoutMs: 30_000,
 * };
 * ```
 */
export interface ElasticsearchSinkDescription {
  readonly name: 'elasticsearch';
  /** The base URL (origin and path prefix). */
  readonly url: string;
  /** The auth type, plus the user name (basic) or the signing scope (SigV4). */
  readonly auth: Readonly<Record<string, string>>;
  readonly compression: 'auto' | 'gzip' | 'none';
  readonly gzipLevel: number;
  readonly maxBytes: number;
  readonly maxOperations: number;
  readonly timeoutMs: number;
}

/**
 * The Elasticsearch / OpenSearch sink: a `Sink` whose `checkHealth` and `close` always exist,
 * and whose `toJSON()` (and `util.inspect`) describe it without secrets.
 *
 * @example
 * ```ts
 * const sink: ElasticsearchSink = createElasticsearchSink({ url, auth: { type: 'aws-sigv4' } });
 * console.log(JSON.stringify(sink)); // {"name":"elasticsearch","url":"https://…","auth":{"type":"aws-sigv4",…},…}
 * ```
 */
export interface ElasticsearchSink extends Sink {
  readonly name: 'elasticsearch';
  /**
   * {@link ElasticsearchSink.send} for records produced on demand: they are taken from the
   * iterable only as chunks are built, so the caller never holds the whole batch and the sink
   * holds only the chunk it is building (plus the one in flight). One outcome per record taken.
   * @throws {SinkError} like `send`.
   */
  sendSequence(records: Iterable<SinkRecord>, options?: SendOptions): Promise<SendResult>;
  /**
   * One read-only request: `GET /` (Elasticsearch, OpenSearch) or `GET /_cat/indices?format=json`
   * (OpenSearch Serverless, which has no `GET /`). Resolves when the cluster answers 2xx with JSON.
   * @throws {SinkError} see the README's errors table.
   */
  checkHealth(options?: SendOptions): Promise<void>;
  /**
   * Aborts requests in flight (their records come back `retryable`) and makes every later call
   * throw. Connections belong to the `fetch` in use (Node's global pool by default), which keeps
   * them for other users.
   */
  close(): Promise<void>;
  /** The sink's settings without credentials. */
  toJSON(): ElasticsearchSinkDescription;
}
