import type { SinkRecord } from '@logferry/sink';
import type {
  HttpBodyFormat,
  HttpCompression,
  HttpHealthCheckOptions,
  HttpIntakeEvent,
} from './http-sink-options';

/**
 * Default and largest allowed value of a limit option.
 *
 * @example
 * ```ts
 * const maxEvents: HttpLimit = { default: 1000, maximum: 1000 };
 * ```
 */
export interface HttpLimit {
  readonly default: number;
  readonly maximum: number;
}

/**
 * What a preset resolves its own options to; `resolveHttpSinkConfig` adds the shared options.
 *
 * @example
 * ```ts
 * const spec: HttpPresetSpec = resolveLogstashPreset({ preset: 'logstash', url: 'https://logs.example.com:8080' });
 * spec.format; // 'json-array'
 * ```
 */
export interface HttpPresetSpec {
  /** Default sink name. */
  readonly name: string;
  /** Where events are sent: no user info, no fragment. */
  readonly url: URL;
  /** Credentials that came in the URL's user info. */
  readonly urlBasicAuth: { readonly username: string; readonly password: string } | undefined;
  readonly method: 'POST' | 'PUT';
  readonly format: HttpBodyFormat;
  readonly contentType: string;
  readonly defaultCompression: HttpCompression;
  readonly maxBytes: HttpLimit;
  readonly maxEvents: HttpLimit;
  /** Per-event limit; `undefined` means "what fits in `maxBytes`". */
  readonly maxEventBytes: HttpLimit | undefined;
  /** Headers the preset sets on every request (e.g. `DD-API-KEY`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Credential strings the preset knows of (URL token, API key). */
  readonly secrets: readonly string[];
  /** How the preset supplies credentials, for inspection (`'url token'`, `'DD-API-KEY header'`). */
  readonly credentials: string | undefined;
  /** Headers that depend on the record (Sumo Logic metadata templates). */
  readonly recordHeaders: ((record: SinkRecord) => Readonly<Record<string, string>>) | undefined;
  readonly toEvent: (record: SinkRecord) => HttpIntakeEvent;
  readonly healthCheck: HttpHealthCheckOptions | undefined;
}
