import type { SinkRecord } from '@logferry/sink';

/**
 * The intakes `createHttpSink` knows. `generic` is any endpoint taking NDJSON or a JSON array; the
 * others fix the body format, headers, event shape and limits of one vendor.
 *
 * @example
 * ```ts
 * const preset: HttpSinkPreset = 'sumo-logic';
 * ```
 */
export type HttpSinkPreset = 'generic' | 'sumo-logic' | 'logstash' | 'datadog';

/**
 * How events are framed in a request body: `ndjson` is one JSON object per line, each line ending
 * in `\n`; `json-array` is one JSON array of objects.
 *
 * @example
 * ```ts
 * const format: HttpBodyFormat = 'json-array'; // '[{"message":"a"},{"message":"b"}]'
 * ```
 */
export type HttpBodyFormat = 'ndjson' | 'json-array';

/**
 * Request body compression. With `gzip` a body is sent with `content-encoding: gzip` when that
 * makes it smaller, and as is otherwise (incompressible bodies), so the bytes on the wire never
 * exceed `maxBytes`.
 *
 * @example
 * ```ts
 * const compression: HttpCompression = 'gzip';
 * ```
 */
export type HttpCompression = 'gzip' | 'none';

/**
 * Header-based credentials. They are kept in a closure: never in errors, outcome reasons,
 * `util.inspect(sink)` or `JSON.stringify(sink)`.
 *
 * - `bearer`: `authorization: Bearer <token>`
 * - `basic`: `authorization: Basic base64(<username>:<password>)` (Logstash `http` input `user`/`password`)
 * - `header`: any header, e.g. `{ name: 'ApiKey', value }` (Logit.io) or `{ name: 'DD-API-KEY', value }`
 *
 * @example
 * ```ts
 * const auth: HttpSinkAuth = { kind: 'basic', username: 'logferry', password: process.env.LOGSTASH_PASSWORD ?? '' };
 * ```
 */
export type HttpSinkAuth =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'header'; readonly name: string; readonly value: string };

/**
 * One event as sent to the intake: a JSON object. `toEvent` returns it; the sink serializes it
 * with `JSON.stringify`.
 *
 * @example
 * ```ts
 * const event: HttpIntakeEvent = { timestamp: '2024-06-01T00:00:00.000Z', message: 'hello', id: '3699…' };
 * ```
 */
export type HttpIntakeEvent = Readonly<Record<string, unknown>>;

/**
 * A request `checkHealth()` makes to prove the intake is reachable and the credentials work,
 * without writing anything.
 *
 * @example
 * ```ts
 * const healthCheck: HttpHealthCheckOptions = { url: 'https://api.datadoghq.eu/api/v1/validate' };
 * ```
 */
export interface HttpHealthCheckOptions {
  /** URL to request; it gets the sink's auth and custom headers. */
  readonly url: string;
  /**
   * Method of the request (never one that carries a body).
   * @default 'GET'
   */
  readonly method?: 'GET' | 'HEAD' | 'OPTIONS';
}

/**
 * Options every preset shares.
 *
 * @example
 * ```ts
 * const options: HttpSinkBaseOptions = { timeoutMs: 5000, maxBytes: 512_000, compression: 'gzip' };
 * ```
 */
export interface HttpSinkBaseOptions {
  /**
   * Name used in logs, metrics and dead-letter entries.
   * @default the preset: 'http' (generic), 'sumo-logic', 'logstash' or 'datadog'
   */
  readonly name?: string;
  /**
   * Timeout of each request (connect, upload, answer), in ms. A request that times out makes its
   * records `retryable`.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * Largest request body, in bytes before compression (what intakes limit); compressed bodies are
   * never larger. Batches are split into several requests to stay under it; an event that cannot
   * fit alone is `rejected` without being sent.
   * @default 1000000 (Datadog: 5000000)
   */
  readonly maxBytes?: number;
  /**
   * Largest number of events in one request.
   * @default 10000 (Datadog: 1000)
   */
  readonly maxEvents?: number;
  /**
   * Largest serialized event, in bytes; larger events are `rejected` without being sent, rather
   * than truncated by the intake.
   * @default what fits in `maxBytes` (Datadog: 1000000)
   */
  readonly maxEventBytes?: number;
  /**
   * Request body compression.
   * @default 'gzip' for the vendor presets, 'none' for 'generic'
   */
  readonly compression?: HttpCompression;
  /**
   * Extra request headers. Values may be secrets: they are never printed. `content-type`,
   * `content-length`, `content-encoding`, `transfer-encoding`, `host` and `connection` are managed
   * by the sink.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Header-based credentials.
   * @default none (credentials from the URL's user info, when present, become basic auth)
   */
  readonly auth?: HttpSinkAuth;
  /**
   * Maps a record to the JSON object sent for it. Include `record.id` so the destination can
   * deduplicate re-sent events (see the README). A record it throws for is `rejected`.
   * @default the preset's mapping; `createDefaultEvent` for 'generic' and 'sumo-logic'
   */
  readonly toEvent?: (record: SinkRecord) => HttpIntakeEvent;
  /**
   * The request `checkHealth()` makes; `false` removes `checkHealth`. The sink has a `checkHealth`
   * method only when a health check is configured.
   * @default none (Datadog: GET https://api.<site>/api/v1/validate)
   */
  readonly healthCheck?: HttpHealthCheckOptions | false;
}

/**
 * Options of a generic HTTP intake.
 *
 * @example
 * ```ts
 * const options: GenericHttpSinkOptions = {
 *   url: 'https://logs.example.com/ingest',
 *   format: 'ndjson',
 *   auth: { kind: 'bearer', token: process.env.INTAKE_TOKEN ?? '' },
 * };
 * ```
 */
export interface GenericHttpSinkOptions extends HttpSinkBaseOptions {
  /**
   * Which intake this is.
   * @default 'generic'
   */
  readonly preset?: 'generic';
  /** Intake URL, `http://` or `https://`. User info (`https://user:pass@host`) becomes basic auth. */
  readonly url: string;
  /**
   * Body framing.
   * @default 'ndjson'
   */
  readonly format?: HttpBodyFormat;
  /**
   * `content-type` of requests.
   * @default 'application/x-ndjson' for 'ndjson', 'application/json' for 'json-array'
   */
  readonly contentType?: string;
  /**
   * HTTP method of requests.
   * @default 'POST'
   */
  readonly method?: 'POST' | 'PUT';
}

/**
 * Options of a Sumo Logic HTTP Logs and Metrics source. The URL is the credential: it is never
 * printed whole. Text values of `category`, `sourceName`, `sourceHost` and `fields` may contain
 * the placeholders `{logGroup}`, `{logStream}` and `{owner}`; records whose rendered headers differ
 * go in different requests.
 *
 * @example
 * ```ts
 * const options: SumoLogicSinkOptions = {
 *   preset: 'sumo-logic',
 *   url: process.env.SUMO_URL ?? '', // https://endpoint4.collection.sumologic.com/receiver/v1/http/<token>
 *   category: 'aws/cloudwatch/{owner}',
 *   fields: { environment: 'production' },
 * };
 * ```
 */
export interface SumoLogicSinkOptions extends HttpSinkBaseOptions {
  readonly preset: 'sumo-logic';
  /** The source's upload URL, `https://<endpoint>/receiver/v1/http/<token>`. */
  readonly url: string;
  /**
   * `X-Sumo-Category` (the `_sourceCategory` metadata).
   * @default none (the source's configured category)
   */
  readonly category?: string;
  /**
   * `X-Sumo-Name` (`_sourceName`); an empty string sends none.
   * @default '{logGroup}'
   */
  readonly sourceName?: string;
  /**
   * `X-Sumo-Host` (`_sourceHost`).
   * @default none (the source's configured host)
   */
  readonly sourceHost?: string;
  /**
   * `X-Sumo-Fields`, sent as `key=value,key=value`. Keys are letters, digits and `_`.
   * @default {}
   */
  readonly fields?: Readonly<Record<string, string>>;
}

/**
 * Options of a Logstash `http` input, as hosted by Logit.io or run yourself. Events are sent as
 * one JSON array with `content-type: application/json`, which the input's default `json` codec
 * splits into one event per element.
 *
 * @example
 * ```ts
 * const options: LogstashSinkOptions = {
 *   preset: 'logstash',
 *   url: 'https://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-ls.logit.io:18080',
 *   auth: { kind: 'basic', username: 'logferry', password: process.env.LOGSTASH_PASSWORD ?? '' },
 * };
 * ```
 */
export interface LogstashSinkOptions extends HttpSinkBaseOptions {
  readonly preset: 'logstash';
  /** URL of the `http` input. */
  readonly url: string;
}

/**
 * Options of the Datadog logs intake (`POST /api/v2/logs`).
 *
 * @example
 * ```ts
 * const options: DatadogSinkOptions = {
 *   preset: 'datadog',
 *   site: 'datadoghq.eu',
 *   apiKey: process.env.DD_API_KEY ?? '',
 *   tags: ['env:production', 'team:payments'],
 * };
 * ```
 */
export interface DatadogSinkOptions extends HttpSinkBaseOptions {
  readonly preset: 'datadog';
  /**
   * Datadog site.
   * @default inferred from `url` (`http-intake.logs.<site>`), else 'datadoghq.com'
   */
  readonly site?: string;
  /**
   * Intake URL. A `dd-api-key` query parameter is moved into the `DD-API-KEY` header.
   * @default 'https://http-intake.logs.<site>/api/v2/logs'
   */
  readonly url?: string;
  /**
   * API key, sent as `DD-API-KEY`. Required unless the URL carries `dd-api-key`.
   * @default none
   */
  readonly apiKey?: string;
  /**
   * `ddsource` of every event.
   * @default 'cloudwatch'
   */
  readonly source?: string;
  /**
   * `service` of every event; may contain `{logGroup}`, `{logStream}`, `{owner}`.
   * @default the log group's last path segment, lower-cased (`/aws/lambda/Checkout` → `checkout`)
   */
  readonly service?: string;
  /**
   * `hostname` of every event; may contain `{logGroup}`, `{logStream}`, `{owner}`.
   * @default '{logGroup}'
   */
  readonly hostname?: string;
  /**
   * Tags joined into `ddtags`, e.g. `['env:production']`; none may contain a comma.
   * @default []
   */
  readonly tags?: readonly string[];
}

/**
 * Options of {@link createHttpSink}: one object per preset, told apart by `preset`.
 *
 * @example
 * ```ts
 * const options: HttpSinkOptions = { preset: 'datadog', apiKey: process.env.DD_API_KEY ?? '' };
 * ```
 */
export type HttpSinkOptions =
  | GenericHttpSinkOptions
  | SumoLogicSinkOptions
  | LogstashSinkOptions
  | DatadogSinkOptions;
