import type { HttpBodyFormat } from './http-sink-options';

/**
 * Bytes a request body of `count` events totalling `eventBytes` takes: NDJSON adds a `\n` per
 * event; a JSON array adds `[`, `]` and a `,` between events.
 *
 * @example
 * ```ts
 * measureBody('json-array', 2, 10); // 13: '[' + 5 + ',' + 5 + ']'
 * measureBody('ndjson', 2, 10); // 12
 * ```
 */
export function measureBody(format: HttpBodyFormat, count: number, eventBytes: number): number {
  return format === 'json-array' ? eventBytes + Math.max(count - 1, 0) + 2 : eventBytes + count;
}
