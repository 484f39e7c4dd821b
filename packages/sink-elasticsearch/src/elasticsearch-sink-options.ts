import type { DocumentMapperOptions } from '@logferry/elasticsearch-bulk';
import type { CredentialsSource } from '@logferry/sigv4';
import type { SinkRecord } from '@logferry/sink';

/**
 * How the sink authenticates to the cluster.
 *
 * - `aws-sigv4`: Amazon OpenSearch Service domains (`service: 'es'`) and OpenSearch Serverless
 *   collections (`service: 'aoss'`). Every request is signed with AWS Signature Version 4 by
 *   `@logferry/sigv4`, a gzip body as the compressed bytes that are sent.
 * - `basic`: `Authorization: Basic base64(username:password)` (Elasticsearch native realm,
 *   OpenSearch internal users).
 * - `api-key`: `Authorization: ApiKey <apiKey>` (Elasticsearch API keys).
 * - `none`: no credentials (a local cluster, or a proxy that adds them).
 *
 * @example
 * ```ts
 * const managed: ElasticsearchAuth = { type: 'aws-sigv4' }; // region and service from the URL
 * const cloud: ElasticsearchAuth = { type: 'api-key', apiKey: process.env.ES_API_KEY! };
 * ```
 */
export type ElasticsearchAuth =
  | {
      readonly type: 'aws-sigv4';
      /**
       * `es` for OpenSearch Service domains, `aoss` for OpenSearch Serverless collections.
       * @default inferred from the URL (`*.aoss.amazonaws.com` → `aoss`, `*.es.amazonaws.com` → `es`), else `es`
       */
      readonly service?: 'es' | 'aoss';
      /**
       * The signing region.
       * @default inferred from the URL, else `process.env.AWS_REGION` (Lambda sets it)
       */
      readonly region?: string;
      /**
       * Static credentials, any AWS SDK credentials provider (`fromNodeProviderChain()`), or a
       * `createCredentialsProvider()` result of `@logferry/sigv4` shared with other signers.
       * Provider results are cached until shortly before they expire, and dropped after a 401/403.
       * @default `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, read at each request (Lambda sets them)
       */
      readonly credentials?: CredentialsSource;
    }
  | {
      readonly type: 'basic';
      /** User name; must not contain `:` (basic auth cannot carry it). */
      readonly username: string;
      /** Password. Never logged, thrown or shown by `util.inspect`. */
      readonly password: string;
    }
  | {
      readonly type: 'api-key';
      /**
       * The API key as Elasticsearch returns it in `encoded` (base64 of `id:api_key`). An
       * `id:api_key` pair is accepted too and encoded for you. Never logged, thrown or shown.
       */
      readonly apiKey: string;
    }
  | { readonly type: 'none' };

/**
 * Request body compression: `gzip` sends `content-encoding: gzip` (every Elasticsearch 7/8 and
 * OpenSearch 1/2 node and OpenSearch Serverless accept it); `none` sends the NDJSON as is; `auto`
 * gzips a body only when the sink's own measurements say it saves more request time than it
 * costs (see "Choosing whether to compress" in the README): over a real link, almost always.
 *
 * @example
 * ```ts
 * const compression: ElasticsearchCompression = 'none'; // a proxy that cannot decompress
 * ```
 */
export type ElasticsearchCompression = 'auto' | 'gzip' | 'none';

/**
 * Options of `createElasticsearchSink`. Besides its own options, the sink takes every option of
 * `createDocumentMapper` from `@logferry/elasticsearch-bulk` (index template or data stream,
 * action, `documentIds`, pipeline, JSON mode and caps, `maxMessageBytes`, `region` for
 * `cloud.region`, `toDocument`) and passes them through unchanged. Everything is validated when the
 * sink is created.
 *
 * @example
 * ```ts
 * const options: ElasticsearchSinkOptions = {
 *   url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
 *   auth: { type: 'aws-sigv4' },
 *   indexTemplate: 'cwl-{logGroup}-{yyyy.MM.dd}',
 *   region: process.env.AWS_REGION,
 * };
 * ```
 */
export interface ElasticsearchSinkOptions extends DocumentMapperOptions<SinkRecord> {
  /**
   * The cluster's base URL: `http:` or `https:`, optionally with a path prefix for a reverse proxy
   * (`https://proxy.example.com/es`). No user name or password (use `auth`), no query string.
   */
  readonly url: string | URL;
  /** How to authenticate (see {@link ElasticsearchAuth}). Required, so "no auth" is a decision. */
  readonly auth: ElasticsearchAuth;
  /**
   * Request body compression (see the README's performance section for the measurements behind
   * the default). A compressed body that would not be smaller is sent uncompressed.
   * @default 'auto'
   */
  readonly compression?: ElasticsearchCompression;
  /**
   * zlib level for `gzip`, 1 to 9 (9 is smallest and slowest). Level 1 used the least CPU in every
   * measurement; levels 2 and 3 were 1–6% smaller, level 9 about 22% smaller for 3 to 7 times the
   * CPU (see the README's performance section).
   * @default 1
   */
  readonly gzipLevel?: number;
  /**
   * Largest `_bulk` request body in bytes, before compression (what Elasticsearch's
   * `http.max_content_length` checks) and therefore also on the wire. Larger batches are split;
   * a document larger than this on its own is `rejected`. From 1,024 to 104,857,600.
   * @default 5242880 (5 MiB: half the 10 MiB request limit of the smallest OpenSearch Service instances)
   */
  readonly maxBytes?: number;
  /**
   * Most documents in one `_bulk` request. From 1 to 1,000,000.
   * @default 5000
   */
  readonly maxOperations?: number;
  /**
   * Timeout of every request (signing, sending and reading the answer), in milliseconds. A
   * `_bulk` request that times out makes its records `retryable`. From 1 to 900,000.
   * @default 30000
   */
  readonly timeoutMs?: number;
  /**
   * The `fetch` used for every request: inject one for tests or for a custom undici dispatcher.
   * @default globalThis.fetch, looked up at each request (Node's fetch keeps connections alive)
   */
  readonly fetch?: typeof fetch;
}
