import type { Sink } from '@logferry/sink';
import type { SinkConformanceHarness } from '../sink-conformance-harness';
import { startFakeElasticsearch } from '../start-fake-elasticsearch';
import { createReferenceSink, type ReferenceSinkDefect } from './reference-sink';

const username = 'logferry';
const password = 'reference-Pa55word!';

/**
 * Options of {@link setupReferenceHarness}.
 *
 * @example
 * ```ts
 * const options: ReferenceHarnessOptions = { defects: ['no-timeout'], withHealthCheck: false, withSendSequence: false };
 * ```
 */
export interface ReferenceHarnessOptions {
  /**
   * Bugs to build into the reference sink.
   * @default []
   */
  readonly defects?: readonly ReferenceSinkDefect[];
  /**
   * Whether the sink keeps its `checkHealth` method.
   * @default true
   */
  readonly withHealthCheck?: boolean;
  /**
   * Whether the sink keeps its `sendSequence` method.
   * @default true
   */
  readonly withSendSequence?: boolean;
  /**
   * Whether to offer the optional capabilities (failRecords, maxRequestBytes, storedMessages).
   * @default true
   */
  readonly withCapabilities?: boolean;
}

/**
 * A conformance harness for the reference sink on a fresh fake Elasticsearch with basic auth —
 * the few lines every adapter writes. Stored ids come from the documents' `id` field, so a sink
 * that lets Elasticsearch generate `_id`s shows up as duplicates.
 *
 * @example
 * ```ts
 * describeSinkConformance('reference', () => setupReferenceHarness());
 * ```
 */
export async function setupReferenceHarness(
  options: ReferenceHarnessOptions = {},
): Promise<SinkConformanceHarness> {
  const fake = await startFakeElasticsearch({ auth: { kind: 'basic', username, password } });
  const maxRequestBytes = 16_384;
  // Generous: a healthy request on a loaded 2-core CI machine can take several hundred ms.
  const timeoutMs = 1000;
  const fullSink = createReferenceSink({
    url: fake.url,
    index: 'cwl-reference',
    username,
    password,
    timeoutMs,
    maxRequestBytes,
    defects: options.defects ?? [],
  });
  // The full sink object itself when nothing is left out: a defect may add properties to it.
  const sink: Sink =
    options.withHealthCheck === false || options.withSendSequence === false
      ? {
          name: fullSink.name,
          send: fullSink.send,
          ...(options.withHealthCheck === false ? {} : { checkHealth: fullSink.checkHealth }),
          ...(options.withSendSequence === false ? {} : { sendSequence: fullSink.sendSequence }),
        }
      : fullSink;
  const eventId = (document: { id: string; source: Readonly<Record<string, unknown>> }) =>
    typeof document.source.id === 'string' ? document.source.id : document.id;

  const harness: SinkConformanceHarness = {
    sink,
    storedIds: async () => fake.documents().map(eventId),
    requestCount: () => fake.requestCount(),
    injectFault: (fault) => fake.injectFault(fault),
    secrets: [password, `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`],
    timeoutMs,
    close: () => fake.close(),
  };
  if (options.withCapabilities === false) return harness;
  return {
    ...harness,
    failRecords: (ids, outcome) =>
      fake.failItems({
        match: (action) => action.id !== undefined && ids.includes(action.id),
        status: outcome === 'retryable' ? 429 : 400,
        times: ids.length,
      }),
    maxRequestBytes,
    largestRequestBytes: () => fake.stats().largestRequestBytes,
    storedMessages: async () =>
      new Map(
        fake.documents().map((document) => [eventId(document), String(document.source.message)]),
      ),
  };
}
