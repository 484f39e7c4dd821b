import type { SinkRecord } from '@logferry/sink';
import { createDefaultEvent } from './create-default-event';
import type { HttpPresetSpec } from './http-preset-spec';
import type { HttpIntakeEvent, LogstashSinkOptions } from './http-sink-options';
import { parseIntakeUrl } from './parse-intake-url';

/**
 * Resolves the options of a Logstash `http` input (self-hosted, or the HTTP input of a Logit.io
 * stack): one JSON array per request with `content-type: application/json` — the input's default
 * codec for that type is `json`, which turns each array element into one event — gzip (the input
 * inflates `gzip`/`deflate` bodies), and bodies of at most 1,000,000 bytes by default (the
 * input's own `max_content_length` defaults to 100 MiB, the largest value allowed here).
 *
 * Events carry `@timestamp`, which the `json` codec takes as the event time instead of the
 * arrival time.
 *
 * @example
 * ```ts
 * resolveLogstashPreset({ preset: 'logstash', url: 'https://logstash.example.com:8080' }).format; // 'json-array'
 * ```
 */
export function resolveLogstashPreset(options: LogstashSinkOptions): HttpPresetSpec {
  const { url, basicAuth } = parseIntakeUrl('url', options.url);
  return {
    name: 'logstash',
    url,
    urlBasicAuth: basicAuth,
    method: 'POST',
    format: 'json-array',
    contentType: 'application/json',
    defaultCompression: 'gzip',
    maxBytes: { default: 1_000_000, maximum: 100 * 1024 * 1024 },
    maxEvents: { default: 10_000, maximum: 1_000_000 },
    maxEventBytes: undefined,
    headers: {},
    secrets: [],
    credentials: undefined,
    recordHeaders: undefined,
    toEvent: createLogstashEvent,
    healthCheck: undefined,
  };
}

/** The default event, with the timestamp named as Logstash's `json` codec expects it. */
function createLogstashEvent(record: SinkRecord): HttpIntakeEvent {
  const { timestamp, ...rest } = createDefaultEvent(record);
  return { '@timestamp': timestamp, ...rest };
}
