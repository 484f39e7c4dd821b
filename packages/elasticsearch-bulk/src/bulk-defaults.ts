/**
 * The documented defaults of every option in this package, in one place so an application can
 * print or reuse them (e.g. as the fallback of an environment variable).
 *
 * - `maxBytes` 5 MiB: half the 10 MiB HTTP payload limit of the smallest Amazon OpenSearch Service
 *   instance types, so a request fits with room for headers and a larger-than-expected document.
 * - `maxOperations` 5,000: keeps one request's per-item response (≈ 250 bytes per item) under
 *   about 1.5 MB and a 413 bisection short.
 * - `maxMessageBytes` 256 KiB: the classic CloudWatch Logs event size limit; longer messages are
 *   truncated with markers, so one document can never exceed `maxBytes` through its message.
 * - `maxJsonDepth` 10 and `maxJsonFields` 200: well inside Elasticsearch's
 *   `index.mapping.depth.limit` (20) and `index.mapping.total_fields.limit` (1,000), so one noisy
 *   JSON log line cannot exhaust an index's mapping.
 *
 * @example
 * ```ts
 * const maxBytes = Number(process.env.LOGFERRY_BULK_MAX_BYTES ?? BULK_DEFAULTS.maxBytes);
 * ```
 */
export const BULK_DEFAULTS = {
  maxBytes: 5 * 1024 * 1024,
  maxOperations: 5_000,
  maxMessageBytes: 256 * 1024,
  maxJsonDepth: 10,
  maxJsonFields: 200,
  indexTemplate: 'cwl-{yyyy.MM.dd}',
  jsonNamespace: 'json',
} as const;
