import { createDefaultEvent } from './create-default-event';
import { createOptionError } from './errors';
import type { HttpPresetSpec } from './http-preset-spec';
import type { GenericHttpSinkOptions } from './http-sink-options';
import { parseIntakeUrl } from './parse-intake-url';

const defaultContentTypes = {
  ndjson: 'application/x-ndjson',
  'json-array': 'application/json',
} as const;

const contentTypePattern =
  /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(;[\t\x20-\x7e]*)?$/;

/**
 * Resolves the options of a generic intake: NDJSON (default) or a JSON array, any URL, no
 * compression unless asked for.
 *
 * @throws {SinkError} `invalid-options` for a bad `url`, `format`, `contentType` or `method`.
 * @example
 * ```ts
 * resolveGenericPreset({ url: 'https://logs.example.com/ingest', format: 'json-array' }).contentType; // 'application/json'
 * ```
 */
export function resolveGenericPreset(options: GenericHttpSinkOptions): HttpPresetSpec {
  const { url, basicAuth } = parseIntakeUrl('url', options.url);
  const format = options.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'json-array') {
    throw createOptionError('format', "'ndjson' or 'json-array'", format);
  }
  const contentType = options.contentType ?? defaultContentTypes[format];
  if (typeof contentType !== 'string' || !contentTypePattern.test(contentType)) {
    throw createOptionError('contentType', 'a media type such as application/json', contentType);
  }
  const method = options.method ?? 'POST';
  if (method !== 'POST' && method !== 'PUT') {
    throw createOptionError('method', "'POST' or 'PUT'", method);
  }
  return {
    name: 'http',
    url,
    urlBasicAuth: basicAuth,
    method,
    format,
    contentType,
    defaultCompression: 'none',
    maxBytes: { default: 1_000_000, maximum: 64 * 1024 * 1024 },
    maxEvents: { default: 10_000, maximum: 1_000_000 },
    maxEventBytes: undefined,
    headers: {},
    secrets: [],
    credentials: undefined,
    recordHeaders: undefined,
    toEvent: createDefaultEvent,
    healthCheck: undefined,
  };
}
