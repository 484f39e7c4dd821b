/**
 * Hard limits of Elasticsearch and OpenSearch that this package enforces before sending, so a
 * violation is a typed error here instead of a rejected document there.
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(id) > ELASTICSEARCH_LIMITS.maxIdBytes) throw new Error('id too long');
 * ```
 */
export const ELASTICSEARCH_LIMITS = {
  /** Longest `_id` in UTF-8 bytes (OpenSearch enforces it in `_bulk` since 2.9). */
  maxIdBytes: 512,
  /** Longest index, alias or data stream name in UTF-8 bytes. */
  maxIndexNameBytes: 255,
} as const;
