import { decodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import type { Sink } from '@logferry/sink';
import { createElasticsearchSink } from '@logferry/sink-elasticsearch';
import type { KinesisStreamEvent } from 'aws-lambda';
import { createHandler } from '../create-handler';
import { createMemoryDeadLetterStore } from './create-memory-dead-letter-store';
import { transformFloor } from './transform-floor';
import { transformLikeBlueprint } from './transform-like-blueprint';

/**
 * What one benchmark run keeps alive until it ends (so memory comparisons are like for like).
 *
 * @example
 * ```ts
 * const runner: BenchRunner = createBenchRunners().floor;
 * await runner(event);
 * ```
 */
export type BenchRunner = (event: KinesisStreamEvent) => Promise<number>;

/**
 * The contenders of the benchmark, network excluded:
 * - `floor`: base64 + gunzip + JSON.parse + minimal NDJSON per event, every record's NDJSON kept
 *   until the batch is done (a shipper must hold its batch until it is acknowledged);
 * - `blueprint`: the AWS blueprint's approach (see `transformLikeBlueprint`), bodies kept likewise;
 * - `handler`: the real Lambda handler with the real Elasticsearch sink at its production defaults
 *   (compression `auto`, 5 MiB chunks), whose `fetch` answers `{"errors":false}` at once — so
 *   `auto` measures requests faster than compression and stops compressing;
 * - `handler (gzip)`: the same with `compression: 'gzip'` (level 1), always compressing;
 * - `handler-uncompressed`: the same with `compression: 'none'` — the floor does not compress;
 * - `handler, batch decoded up front`: `handler` through a sink without `sendSequence`, so the
 *   batch is decoded before sending and held whole (as when several sinks share it);
 * - `handler over 1 Gbit/s` and `handler-uncompressed over 1 Gbit/s`: `handler` and
 *   `handler-uncompressed` with a `fetch` that answers only after the body would have crossed a
 *   1 Gbit/s link (plus a 1 ms round trip), to show what compression buys once the network counts
 *   (`auto` measures it and keeps compressing). 1 Gbit/s is generous for a Lambda function, so it
 *   favours sending uncompressed.
 *
 * Each returns a number derived from its output so the work cannot be optimized away.
 *
 * @example
 * ```ts
 * const runners = createBenchRunners();
 * await runners.floor(event);
 * ```
 */
export function createBenchRunners(): Record<
  | 'floor'
  | 'blueprint'
  | 'handler'
  | 'handler (gzip)'
  | 'handler-uncompressed'
  | 'handler, batch decoded up front'
  | 'handler over 1 Gbit/s'
  | 'handler-uncompressed over 1 Gbit/s',
  BenchRunner
> {
  const noOpFetch: typeof fetch = async (_input, init) => {
    const body = init?.body;
    const size =
      typeof body === 'string' ? body.length : ((body as Uint8Array | undefined)?.byteLength ?? 0);
    return new Response(size >= 0 ? '{"errors":false}' : '', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const linkBytesPerMs = 1e9 / 8 / 1000;
  const linkFetch: typeof fetch = async (input, init) => {
    const body = init?.body as Uint8Array | undefined;
    const transferMs = 1 + (body?.byteLength ?? 0) / linkBytesPerMs;
    await new Promise((resolve) => setTimeout(resolve, transferMs));
    return noOpFetch(input, init);
  };
  const buildHandler = (sink: Sink) =>
    createHandler({
      sinks: [sink],
      deadLetterStore: createMemoryDeadLetterStore(),
      decode: (data) => decodeSubscriptionMessage(data),
      functionName: 'logferry-bench',
      writeLog: () => {},
    });
  /** The real Elasticsearch sink at its defaults, but for `compression` and the `fetch`. */
  const benchSink = (fetchBulk: typeof fetch, compression?: 'gzip' | 'none') =>
    createElasticsearchSink({
      url: 'http://127.0.0.1:9',
      auth: { type: 'none' },
      ...(compression === undefined ? {} : { compression }),
      fetch: fetchBulk,
    });
  const handler = buildHandler(benchSink(noOpFetch));
  const gzipped = buildHandler(benchSink(noOpFetch, 'gzip'));
  const uncompressed = buildHandler(benchSink(noOpFetch, 'none'));
  // The same sink without `sendSequence`: the batch is decoded up front, as with several sinks.
  const arraysOnly = benchSink(noOpFetch);
  const decodedUpFront = buildHandler({
    name: arraysOnly.name,
    send: (records, options) => arraysOnly.send(records, options),
  });
  const overLink = buildHandler(benchSink(linkFetch));
  const uncompressedOverLink = buildHandler(benchSink(linkFetch, 'none'));
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 900_000 };
  const keepAll =
    (transform: (data: string) => string): BenchRunner =>
    async (event) => {
      const bodies = event.Records.map((record) => transform(record.kinesis.data));
      return bodies.reduce((total, body) => total + body.length, 0);
    };
  return {
    floor: keepAll(transformFloor),
    blueprint: keepAll(transformLikeBlueprint),
    handler: async (event) => (await handler(event, context)).batchItemFailures.length,
    'handler (gzip)': async (event) => (await gzipped(event, context)).batchItemFailures.length,
    'handler-uncompressed': async (event) =>
      (await uncompressed(event, context)).batchItemFailures.length,
    'handler, batch decoded up front': async (event) =>
      (await decodedUpFront(event, context)).batchItemFailures.length,
    'handler over 1 Gbit/s': async (event) =>
      (await overLink(event, context)).batchItemFailures.length,
    'handler-uncompressed over 1 Gbit/s': async (event) =>
      (await uncompressedOverLink(event, context)).batchItemFailures.length,
  };
}
