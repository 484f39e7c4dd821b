import type { SinkRecord } from '@logferry/sink';
import { compileRecordTemplate, type RecordTemplate } from './compile-record-template';
import { createDefaultEvent } from './create-default-event';
import { createOptionError } from './errors';
import type { HttpPresetSpec } from './http-preset-spec';
import type { SumoLogicSinkOptions } from './http-sink-options';
import { parseIntakeUrl } from './parse-intake-url';

const sourcePathPattern = /^\/receiver\/v1\/http\/([^/]+)$/;
const fieldKeyPattern = /^[A-Za-z0-9_]{1,255}$/;
/** Header values longer than this are cut: they are labels, and proxies limit header sizes. */
const maximumHeaderValueLength = 1024;

/**
 * Resolves the options of a Sumo Logic HTTP Logs and Metrics source: one JSON event per line
 * (Sumo Logic ingests each line as a message and parses its JSON at search time), gzip, bodies
 * of at most 1,000,000 bytes before compression (Sumo Logic's limit), and the metadata headers
 * `X-Sumo-Category`, `X-Sumo-Name`, `X-Sumo-Host` and `X-Sumo-Fields`. Header values are rendered
 * per record from their templates, with characters outside printable ASCII replaced by `_`
 * (and `,`/`=` too in field values, which would break the `key=value,…` list).
 *
 * @throws {SinkError} `invalid-options` for a URL that is not a source URL, a bad template or field.
 * @example
 * ```ts
 * const spec = resolveSumoLogicPreset({ preset: 'sumo-logic', url: 'https://endpoint4.collection.sumologic.com/receiver/v1/http/ZaVnC4dhaV3' });
 * spec.credentials; // 'url token'
 * ```
 */
export function resolveSumoLogicPreset(options: SumoLogicSinkOptions): HttpPresetSpec {
  const { url, basicAuth } = parseIntakeUrl('url', options.url);
  const token = sourcePathPattern.exec(url.pathname)?.[1];
  if (token === undefined) {
    throw createOptionError(
      'url',
      'a Sumo Logic HTTP source URL, https://<endpoint>/receiver/v1/http/<token>',
      options.url,
      { hideReceived: true, sink: 'sumo-logic' },
    );
  }
  const headerTemplates: [string, RecordTemplate][] = [];
  for (const [option, header, value] of [
    ['category', 'X-Sumo-Category', options.category],
    ['sourceName', 'X-Sumo-Name', options.sourceName ?? '{logGroup}'],
    ['sourceHost', 'X-Sumo-Host', options.sourceHost],
  ] as const) {
    if (value !== undefined) headerTemplates.push([header, compileRecordTemplate(option, value)]);
  }
  const fields = readFields(options.fields);

  const buildHeaders = (
    render: (template: RecordTemplate) => string,
  ): Readonly<Record<string, string>> => {
    const headers: Record<string, string> = {};
    for (const [header, template] of headerTemplates) {
      const value = sanitizeHeaderValue(render(template));
      if (value !== '') headers[header] = value;
    }
    const fieldList = fields
      .map(
        ([key, template]) =>
          `${key}=${sanitizeHeaderValue(render(template)).replace(/[,=]/g, '_')}`,
      )
      .join(',');
    if (fieldList !== '') headers['X-Sumo-Fields'] = fieldList;
    return headers;
  };
  const constant =
    headerTemplates.every(([, template]) => template.text !== undefined) &&
    fields.every(([, template]) => template.text !== undefined);

  return {
    name: 'sumo-logic',
    url,
    urlBasicAuth: basicAuth,
    method: 'POST',
    format: 'ndjson',
    // Any content type other than Sumo Logic's metric types is ingested as log lines.
    contentType: 'text/plain; charset=utf-8',
    defaultCompression: 'gzip',
    maxBytes: { default: 1_000_000, maximum: 1_000_000 },
    maxEvents: { default: 10_000, maximum: 1_000_000 },
    maxEventBytes: undefined,
    // Metadata without placeholders is rendered once, and then all records can share requests.
    headers: constant ? buildHeaders((template) => template.text ?? '') : {},
    secrets: [token, decodeURIComponent(token)],
    credentials: 'url token',
    recordHeaders: constant
      ? undefined
      : (record: SinkRecord) => buildHeaders((template) => template.render(record)),
    toEvent: createDefaultEvent,
    healthCheck: undefined,
  };
}

function readFields(fields: unknown): [string, RecordTemplate][] {
  if (fields === undefined) return [];
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw createOptionError('fields', 'an object of field names to text values', fields);
  }
  return Object.entries(fields).map(([key, value]) => {
    if (!fieldKeyPattern.test(key)) {
      throw createOptionError(
        'fields',
        'an object whose keys are 1 to 255 letters, digits or underscores',
        key,
      );
    }
    return [key, compileRecordTemplate(`fields.${key}`, value)];
  });
}

function sanitizeHeaderValue(value: string): string {
  return value
    .replace(/[^\x20-\x7e]/g, '_')
    .trim()
    .slice(0, maximumHeaderValueLength);
}
