import type { SinkRecord } from '@logferry/sink';
import { resolveDatadogPreset } from './datadog-preset';
import { describeIntakeUrl } from './describe-intake-url';
import { createOptionError } from './errors';
import { resolveGenericPreset } from './generic-preset';
import type { HttpPresetSpec } from './http-preset-spec';
import type {
  DatadogSinkOptions,
  GenericHttpSinkOptions,
  HttpBodyFormat,
  HttpCompression,
  HttpIntakeEvent,
  HttpSinkOptions,
  HttpSinkPreset,
  LogstashSinkOptions,
  SumoLogicSinkOptions,
} from './http-sink-options';
import { resolveLogstashPreset } from './logstash-preset';
import { measureBody } from './measure-body';
import { parseIntakeUrl } from './parse-intake-url';
import { readIntegerOption } from './read-integer-option';
import { resolveAuthHeaders } from './resolve-auth-headers';
import { resolveSumoLogicPreset } from './sumo-logic-preset';

/**
 * Everything a sink needs, validated once at construction.
 *
 * @example
 * ```ts
 * const config: ResolvedHttpSinkConfig = resolveHttpSinkConfig({ url: 'https://logs.example.com/ingest' });
 * config.format; // 'ndjson'
 * ```
 */
export interface ResolvedHttpSinkConfig {
  readonly name: string;
  readonly preset: HttpSinkPreset;
  readonly url: URL;
  /** `url` without its secrets, for messages and inspection. */
  readonly displayUrl: string;
  readonly method: 'POST' | 'PUT';
  readonly format: HttpBodyFormat;
  readonly compression: HttpCompression;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxEvents: number;
  readonly maxEventBytes: number;
  /** Headers of every request: custom, credentials, preset, `content-type`, `user-agent`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Headers that depend on the record; records whose headers differ go in different requests. */
  readonly recordHeaders: ((record: SinkRecord) => Readonly<Record<string, string>>) | undefined;
  readonly toEvent: (record: SinkRecord) => HttpIntakeEvent;
  readonly healthCheck:
    | { readonly url: URL; readonly displayUrl: string; readonly method: string }
    | undefined;
  /** Strings never to print: tokens, passwords, header values. */
  readonly secrets: readonly string[];
  /** How credentials are supplied, for inspection. */
  readonly credentials: string;
}

const presets: Readonly<Record<HttpSinkPreset, (options: never) => HttpPresetSpec>> = {
  generic: resolveGenericPreset as (options: GenericHttpSinkOptions) => HttpPresetSpec,
  'sumo-logic': resolveSumoLogicPreset as (options: SumoLogicSinkOptions) => HttpPresetSpec,
  logstash: resolveLogstashPreset as (options: LogstashSinkOptions) => HttpPresetSpec,
  datadog: resolveDatadogPreset as (options: DatadogSinkOptions) => HttpPresetSpec,
};

/** Set by the sink itself; a custom value would corrupt the request. */
const managedHeaders = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'host',
  'connection',
]);
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerValuePattern = /^[\t\x20-\x7e]*$/;
const namePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Lets intake operators tell logferry traffic apart; a custom `user-agent` header wins. */
const userAgent = 'logferry-sink-http';

/**
 * Validates the options of `createHttpSink` and resolves the preset's defaults and limits.
 *
 * @throws {SinkError} `invalid-options` naming the first bad option, the rule and what was
 *   received (secrets are described, never shown).
 * @example
 * ```ts
 * const config = resolveHttpSinkConfig({ preset: 'datadog', apiKey: 'k', site: 'datadoghq.eu' });
 * config.maxEvents; // 1000
 * ```
 */
export function resolveHttpSinkConfig(options: HttpSinkOptions): ResolvedHttpSinkConfig {
  if (options === null || typeof options !== 'object') {
    throw createOptionError('options', 'an object', options);
  }
  const preset = options.preset ?? 'generic';
  if (!Object.hasOwn(presets, preset)) {
    throw createOptionError(
      'preset',
      "'generic', 'sumo-logic', 'logstash' or 'datadog'",
      options.preset,
    );
  }
  const spec = presets[preset](options as never);

  const name = options.name ?? spec.name;
  if (typeof name !== 'string' || !namePattern.test(name)) {
    throw createOptionError(
      'name',
      'a short name: 1 to 64 lower-case letters, digits, ".", "_" or "-"',
      name,
    );
  }
  const timeoutMs = readIntegerOption('timeoutMs', options.timeoutMs, {
    default: 10_000,
    minimum: 1,
    maximum: 600_000,
  });
  const maxBytes = readIntegerOption('maxBytes', options.maxBytes, {
    default: spec.maxBytes.default,
    minimum: 256,
    maximum: spec.maxBytes.maximum,
  });
  const maxEvents = readIntegerOption('maxEvents', options.maxEvents, {
    default: spec.maxEvents.default,
    minimum: 1,
    maximum: spec.maxEvents.maximum,
  });
  // By default an event may use a whole request: maxBytes minus the body's framing.
  const wholeRequest = maxBytes - measureBody(spec.format, 1, 0);
  const maxEventBytes = readIntegerOption('maxEventBytes', options.maxEventBytes, {
    default: Math.min(spec.maxEventBytes?.default ?? wholeRequest, wholeRequest),
    minimum: 2,
    maximum: spec.maxEventBytes?.maximum ?? maxBytes,
  });
  const compression = options.compression ?? spec.defaultCompression;
  if (compression !== 'gzip' && compression !== 'none') {
    throw createOptionError('compression', "'gzip' or 'none'", compression);
  }
  const toEvent = options.toEvent ?? spec.toEvent;
  if (typeof toEvent !== 'function') {
    throw createOptionError('toEvent', 'a function from a record to a JSON object', toEvent);
  }

  const auth = resolveAuthHeaders(options.auth, spec.urlBasicAuth);
  const custom = readCustomHeaders(options.headers);
  const headers: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const [source, entries] of [
    ['headers', custom],
    ['auth', auth.headers],
    [`the ${preset} preset`, spec.headers],
  ] as const) {
    for (const [header, value] of Object.entries(entries)) {
      const lower = header.toLowerCase();
      const earlier = seen.get(lower);
      if (earlier !== undefined) {
        throw createOptionError(
          'headers',
          `free of headers set elsewhere (${header} is set by both ${earlier} and ${source})`,
          header,
          { sink: name },
        );
      }
      seen.set(lower, source);
      headers[header] = value;
    }
  }
  headers['content-type'] = spec.contentType;
  headers['user-agent'] ??= userAgent;

  return {
    name,
    preset,
    url: spec.url,
    displayUrl: describeIntakeUrl(spec.url),
    method: spec.method,
    format: spec.format,
    compression,
    timeoutMs,
    maxBytes,
    maxEvents,
    maxEventBytes,
    headers,
    recordHeaders: spec.recordHeaders,
    toEvent,
    healthCheck: readHealthCheck(options.healthCheck, spec),
    secrets: [...new Set([...auth.secrets, ...spec.secrets, ...Object.values(custom)])],
    credentials: spec.credentials ?? auth.credentials,
  };
}

function readCustomHeaders(headers: unknown): Readonly<Record<string, string>> {
  if (headers === undefined) return {};
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    throw createOptionError('headers', 'an object of header names to values', headers);
  }
  for (const [header, value] of Object.entries(headers)) {
    if (!headerNamePattern.test(header)) {
      throw createOptionError('headers', 'an object whose keys are HTTP header names', header);
    }
    if (managedHeaders.has(header.toLowerCase())) {
      throw createOptionError(
        'headers',
        `free of ${[...managedHeaders].join(', ')} (the sink sets them; use contentType for the media type)`,
        header,
      );
    }
    if (typeof value !== 'string' || !headerValuePattern.test(value)) {
      throw createOptionError(`headers.${header}`, 'a string of printable ASCII', value, {
        hideReceived: true,
      });
    }
  }
  return headers as Readonly<Record<string, string>>;
}

function readHealthCheck(
  option: unknown,
  spec: HttpPresetSpec,
): ResolvedHttpSinkConfig['healthCheck'] {
  if (option === false) return undefined;
  const chosen = option ?? spec.healthCheck;
  if (chosen === undefined) return undefined;
  if (chosen === null || typeof chosen !== 'object') {
    throw createOptionError('healthCheck', 'false or an object { url, method? }', chosen);
  }
  const given = (chosen as { url?: unknown }).url;
  const { url, basicAuth } = parseIntakeUrl('healthCheck.url', given);
  if (basicAuth !== undefined) {
    throw createOptionError(
      'healthCheck.url',
      'a URL without user info (the sink adds its own credentials)',
      given,
      { hideReceived: true },
    );
  }
  const method = (chosen as { method?: unknown }).method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
    throw createOptionError('healthCheck.method', "'GET', 'HEAD' or 'OPTIONS'", method);
  }
  return { url, displayUrl: describeIntakeUrl(url), method };
}
