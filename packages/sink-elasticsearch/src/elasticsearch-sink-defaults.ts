import { BULK_DEFAULTS } from '@logferry/elasticsearch-bulk';

/**
 * The documented defaults of the sink's own options, in one place so an application can print or
 * reuse them (for example as the fallback of an environment variable).
 *
 * - `compression` `auto`: gzip each body while the sink measures that compressing saves more
 *   request time than it costs — over any real link, in practice always; to a cluster that answers
 *   at once, compressing would only add time (see `createCompressionAdvisor` and the README).
 * - `gzipLevel` 1: realistic log NDJSON shrinks about 8.6× (5× with payload dumps). Measured with
 *   `pnpm bench`, level 1 used the least CPU of all levels, and on hex-heavy payload dumps about a
 *   quarter less than level 3, whose longer match search is wasted there; levels 2 and 3 save only
 *   1–6% more bytes, which pays for their CPU only on links slower than about 200 Mbit/s.
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
  compression: 'auto',
  gzipLevel: 1,
  maxBytes: BULK_DEFAULTS.maxBytes,
  maxOperations: BULK_DEFAULTS.maxOperations,
  timeoutMs: 30_000,
} as const;
