import http from 'node:http';
import https from 'node:https';
import { inspect } from 'node:util';
import {
  type SendOptions,
  type SendResult,
  type Sink,
  SinkError,
  type SinkRecord,
} from '@logferry/sink';
import { checkIntakeHealth } from './check-intake-health';
import type { HttpSinkOptions } from './http-sink-options';
import { resolveHttpSinkConfig } from './resolve-http-sink-config';
import { sendBatch } from './send-batch';

const idleSocketTimeoutMs = 4000;

/**
 * Creates a sink that POSTs log events to an HTTP log intake: a generic NDJSON or JSON-array
 * endpoint, or a preset for Sumo Logic, Logstash (Logit.io) or Datadog. Options are validated
 * here, once; the sink then never throws for a record problem, only for credentials or
 * configuration (`SinkError`, `retryable: false`).
 *
 * Delivery is **at least once**: log intakes cannot deduplicate, so a record re-sent after a
 * timeout, a dropped connection or a Kinesis replay may be stored twice. Every preset's events
 * carry the CloudWatch event `id` so the destination can deduplicate (see the README).
 *
 * The sink keeps one keep-alive connection pool; call `close()` to release it. Credentials never
 * appear in errors, outcome reasons, `util.inspect(sink)` or `JSON.stringify(sink)`.
 *
 * @throws {SinkError} `invalid-options` when an option is missing or invalid, naming it.
 * @example
 * ```ts
 * const sink = createHttpSink({
 *   preset: 'sumo-logic',
 *   url: process.env.SUMO_URL ?? '',
 *   category: 'aws/cloudwatch',
 * });
 * const result = await sink.send(records, { signal: AbortSignal.timeout(20_000) });
 * await sink.close?.();
 * ```
 */
export function createHttpSink(options: HttpSinkOptions): Sink {
  const config = resolveHttpSinkConfig(options);
  const agents = new Map<string, http.Agent>();
  let closed = false;

  const agentFor = (url: URL): http.Agent => {
    let agent = agents.get(url.protocol);
    if (agent === undefined) {
      // Idle connections are closed after 4 s, before the 5 s keep-alive timeout of Node servers
      // and most load balancers, so a reused connection is rarely one the server is closing.
      const agentOptions = { keepAlive: true, timeout: idleSocketTimeoutMs };
      agent =
        url.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
      agents.set(url.protocol, agent);
    }
    return agent;
  };
  const ensureOpen = (method: string): void => {
    if (closed) {
      throw new SinkError(`${config.name} sink: ${method}() was called after close()`, {
        code: 'configuration',
        retryable: false,
        sink: config.name,
      });
    }
  };

  const description = {
    name: config.name,
    preset: config.preset,
    url: config.displayUrl,
    format: config.format,
    compression: config.compression,
    credentials: config.credentials,
    maxBytes: config.maxBytes,
    maxEvents: config.maxEvents,
    maxEventBytes: config.maxEventBytes,
    timeoutMs: config.timeoutMs,
    healthCheck:
      config.healthCheck === undefined
        ? 'none'
        : `${config.healthCheck.method} ${config.healthCheck.displayUrl}`,
  };

  const sink: Sink & { toJSON(): typeof description } = {
    name: config.name,
    async send(records: readonly SinkRecord[], sendOptions: SendOptions = {}): Promise<SendResult> {
      ensureOpen('send');
      return sendBatch(config, records, { signal: sendOptions.signal, agentFor });
    },
    async close(): Promise<void> {
      closed = true;
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
    toJSON: () => description,
  };
  if (config.healthCheck !== undefined) {
    sink.checkHealth = async (checkOptions: SendOptions = {}): Promise<void> => {
      ensureOpen('checkHealth');
      await checkIntakeHealth(config, { signal: checkOptions.signal, agentFor });
    };
  }
  // Credentials live in closures only; inspection shows this redacted description instead.
  Object.defineProperty(sink, inspect.custom, {
    value: (_depth: number, inspectOptions: object) =>
      `HttpSink ${inspect(description, inspectOptions)}`,
  });
  return sink;
}
