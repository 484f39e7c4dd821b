import { BULK_DEFAULTS } from '@logferry/elasticsearch-bulk';

/**
 * The documented defaults of the sink's own options, in one place so an application can print or
 * reuse them (for example as the fallback of an environment variable).
 *
 * - `compression` `gzip` at `gzipLevel` 3: realistic log NDJSON shrinks about 9× for about 3.3 ms
 *   of CPU per MiB. Measured with `pnpm bench`, levels 2 and 3 were the fastest (level 3 is
 *   slightly smaller); levels 4 to 9 cost 1.5 to 3 times the CPU for 9–17% fewer bytes (see the
 *   README).
 * - `maxBytes` / `maxOperations`: the bulk library's defaults (5 MiB / 5,000).
 * - `timeoutMs` 30 s: long enough for a 5 MiB `_bulk` on a busy cluster, short enough that a hung
 *   connection leaves most of a Lambda invocation for retries.
 *
 * @example
 * ```ts
 * const timeoutMs = Number(process.env.ES_TIMEOUT_MS ?? ELASTICSEARCH_SINK_DEFAULTS.timeoutMs);
 * ```
 */
export const ELASTICSEARCH_SINK_DEFAULTS = {
  compression: 'gzip',
  gzipLevel: 3,
  maxBytes: BULK_DEFAULTS.maxBytes,
  maxOperations: BULK_DEFAULTS.maxOperations,
  timeoutMs: 30_000,
} as const;
