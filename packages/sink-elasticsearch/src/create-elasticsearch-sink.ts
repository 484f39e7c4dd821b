import { setMaxListeners } from 'node:events';
import type { SendOptions, SendResult, SinkRecord } from '@logferry/sink';
import { checkClusterHealth } from './check-cluster-health';
import { createChunkBufferPool } from './create-chunk-buffer-pool';
import { createCompressionAdvisor } from './create-compression-advisor';
import { deliverRecords } from './deliver-records';
import { describeReceived } from './describe-received';
import type { ElasticsearchSink, ElasticsearchSinkDescription } from './elasticsearch-sink';
import type { ElasticsearchSinkOptions } from './elasticsearch-sink-options';
import { createSinkError, SINK_NAME } from './errors';
import { readSinkOptions } from './read-sink-options';

/**
 * Trims what `filter_path` can: each item keeps only its status and error, which is all
 * `parseBulkResponse` reads (about 30 bytes per item instead of about 250).
 */
const BULK_QUERY = '?filter_path=errors,items.*.status,items.*.error';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

function readSignal(options: SendOptions | undefined, method: string): AbortSignal | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) {
    throw createSinkError(
      `${method} options must be an object such as { signal }; received ${describeReceived(options)}`,
      { code: 'invalid-options', retryable: false },
    );
  }
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw createSinkError(
      `${method} option signal must be an AbortSignal when given; received ${describeReceived(signal)}`,
      { code: 'invalid-options', retryable: false },
    );
  }
  return signal;
}

/** Refuses a call whose signal fired before it began: nothing was sent, so it can be retried. */
function throwIfAborted(signal: AbortSignal | undefined, call: string): void {
  if (signal?.aborted === true) {
    throw createSinkError(
      `${call} was aborted before any request: the caller's signal had already fired`,
      { code: 'aborted', retryable: true, cause: signal.reason },
    );
  }
}

/**
 * Creates the Elasticsearch / OpenSearch sink (`name: 'elasticsearch'`) for Elasticsearch 7/8,
 * OpenSearch 1/2 (self-managed or Amazon OpenSearch Service) and OpenSearch Serverless.
 *
 * `send` turns records into documents with `@logferry/elasticsearch-bulk` (`create` with the
 * CloudWatch event id as `_id` by default, so re-delivery stores nothing twice) and posts them to
 * `/_bulk` chunk by chunk, gzip-compressed and signed or authenticated, each request bounded by
 * `timeoutMs` and the caller's signal. It returns one outcome per record, in order, and never
 * retries: a 413 is bisected down to single documents; 429, 5xx, timeouts and connection
 * failures make the affected chunk's records `retryable`; per-item failures are classified item by
 * item (409 on `create` counts as delivered). 401/403 throw. Connections are reused across calls
 * (Node's fetch keeps them alive), so create the sink once, outside the Lambda handler.
 *
 * @throws {SinkError} `invalid-options` at construction, naming the option (secrets never echoed).
 *
 * @example
 * ```ts
 * import { createElasticsearchSink } from '@logferry/sink-elasticsearch';
 *
 * const sink = createElasticsearchSink({
 *   url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com',
 *   auth: { type: 'aws-sigv4' }, // region and service from the URL, credentials from the environment
 *   indexTemplate: 'cwl-{yyyy.MM.dd}',
 * });
 * const { outcomes } = await sink.send(records, { signal: AbortSignal.timeout(60_000) });
 * ```
 */
export function createElasticsearchSink(options: ElasticsearchSinkOptions): ElasticsearchSink {
  const resolved = readSinkOptions(options);
  const { baseUrl, authorizer, mapper, maxBytes, maxOperations } = resolved;
  const transport = {
    authorizer,
    resolveFetch: resolved.resolveFetch,
    timeoutMs: resolved.timeoutMs,
  };
  const delivery = {
    mapper,
    maxBytes,
    maxOperations,
    // Two: the chunk in flight and the one encoded meanwhile.
    buffers: createChunkBufferPool(2),
    request: {
      transport,
      bulkUrl: `${baseUrl}/_bulk${BULK_QUERY}`,
      target: `POST ${baseUrl}/_bulk`,
      compressionAdvisor: createCompressionAdvisor({
        compression: resolved.compression,
        gzipLevel: resolved.gzipLevel,
      }),
      gzipLevel: resolved.gzipLevel,
    },
  };
  const healthUrl = resolved.serverless ? `${baseUrl}/_cat/indices?format=json` : `${baseUrl}/`;
  const health = { transport, url: healthUrl, target: `GET ${healthUrl}` };
  const closing = new AbortController();
  // Every request in flight listens on it (and removes its listener when done): concurrent calls
  // are legitimate, not a leak.
  setMaxListeners(0, closing.signal);
  const description: ElasticsearchSinkDescription = Object.freeze({
    name: SINK_NAME,
    url: baseUrl,
    auth: authorizer.describe(),
    compression: resolved.compression,
    gzipLevel: resolved.gzipLevel,
    maxBytes,
    maxOperations,
    timeoutMs: resolved.timeoutMs,
  });

  const ensureOpen = (method: string): void => {
    if (closing.signal.aborted) {
      throw createSinkError(
        `${method} was called after close(); create a new sink (the closed one holds no connections)`,
        { code: 'configuration', retryable: false },
      );
    }
  };

  return {
    name: SINK_NAME,
    async send(records: readonly SinkRecord[], sendOptions?: SendOptions): Promise<SendResult> {
      ensureOpen('send()');
      const signal = readSignal(sendOptions, 'send()');
      if (!Array.isArray(records)) {
        throw createSinkError(
          `send() needs an array of SinkRecord; received ${records === null ? 'null' : typeof records}`,
          { code: 'invalid-options', retryable: false },
        );
      }
      if (records.length === 0) return { outcomes: [], requests: 0, bytesSent: 0 };
      throwIfAborted(signal, `send() of ${records.length} records`);
      return deliverRecords(delivery, records, [signal, closing.signal], records.length);
    },
    async sendSequence(
      records: Iterable<SinkRecord>,
      sendOptions?: SendOptions,
    ): Promise<SendResult> {
      ensureOpen('sendSequence()');
      const signal = readSignal(sendOptions, 'sendSequence()');
      if (
        typeof (records as Partial<Iterable<SinkRecord>> | null)?.[Symbol.iterator] !== 'function'
      ) {
        throw createSinkError(
          `sendSequence() needs an iterable of SinkRecord; received ${records === null ? 'null' : typeof records}`,
          { code: 'invalid-options', retryable: false },
        );
      }
      throwIfAborted(signal, 'sendSequence()');
      return deliverRecords(delivery, records, [signal, closing.signal]);
    },
    async checkHealth(checkOptions?: SendOptions): Promise<void> {
      ensureOpen('checkHealth()');
      const signal = readSignal(checkOptions, 'checkHealth()');
      await checkClusterHealth(health, [signal, closing.signal]);
    },
    async close(): Promise<void> {
      closing.abort();
    },
    toJSON: () => description,
    [inspectCustom]: () => `ElasticsearchSink ${JSON.stringify(description)}`,
  } as ElasticsearchSink;
}
