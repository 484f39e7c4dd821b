import { availableParallelism } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import type { ElasticsearchCompression } from './elasticsearch-sink-options';

/**
 * Decides, body by body, whether a `_bulk` request is gzipped, from what the sink has measured.
 *
 * @example
 * ```ts
 * const advisor = createCompressionAdvisor({ compression: 'auto', gzipLevel: 1 });
 * const encoding = advisor.choose(chunk.bytes); // 'gzip' or 'none'
 * ```
 */
export interface CompressionAdvisor {
  /** How to send this NDJSON body. With `auto`, may first time the compression of a sample of it. */
  choose(body: Uint8Array): 'gzip' | 'none';
  /** A request with a body of `wireBytes` was answered `durationMs` after it started. */
  recordRequest(wireBytes: number, durationMs: number): void;
}

/**
 * Options of {@link createCompressionAdvisor}.
 *
 * @example
 * ```ts
 * const options: CompressionAdvisorOptions = { compression: 'auto', gzipLevel: 1 };
 * ```
 */
export interface CompressionAdvisorOptions {
  readonly compression: ElasticsearchCompression;
  /** The zlib level bodies are compressed at, so samples cost what the real compression does. */
  readonly gzipLevel: number;
  /** The clock samples and requests are timed with, in milliseconds. @default performance.now */
  readonly now?: () => number;
  /** CPUs the process can use. @default os.availableParallelism() */
  readonly parallelism?: number;
}

/**
 * How many recent measurements each estimate is the median of: enough that one outlier (the first
 * request on a new connection pays for its TLS handshake) does not decide, few enough that a link
 * that gets slower is noticed within a few requests.
 */
const RECENT = 5;
/** Bytes compressed to time a sample: a fraction of a millisecond at level 1. */
const SAMPLE_BYTES = 64 * 1024;
/** Once the estimates are established, one body in this many is sampled again. */
const SAMPLE_EVERY = 16;

/** The median of the last {@link RECENT} values given to `add` (the upper one of two middles). */
function createRecentMedian() {
  const values: number[] = [];
  return {
    add(value: number): void {
      values.push(value);
      if (values.length > RECENT) values.shift();
    },
    get(): number | undefined {
      if (values.length === 0) return undefined;
      const sorted = [...values].sort((first, second) => first - second);
      return sorted[Math.floor(sorted.length / 2)];
    },
  };
}

/**
 * The sink's compression policy. `gzip` and `none` always give that answer. `auto` gzips a body
 * when the request time compression is expected to save is at least the time it is expected to
 * cost, per byte of NDJSON:
 *
 *   saved = (request ms per wire byte) × (1 − compressed size ÷ plain size)
 *   cost  = (compression ms per byte) × (½ with more than one CPU, else 1)
 *
 * Accepted requests are timed as they are answered. Compression is timed on a sample: the first
 * 64 KiB of a body, compressed synchronously at the sink's level (a fraction of a millisecond) —
 * for the first five bodies, then one body in sixteen — because the real compression runs on the
 * thread pool and its end is only seen once this thread is free, which would time the thread's
 * other work too. With a second CPU, the sink compresses one chunk while it builds the next, so only
 * part of the compression shows in a batch's time (a third, in the Lambda benchmark); the cost
 * counts half. Each figure is the median of its last five measurements. Until it has timed both a
 * sample and a request, `auto` compresses.
 *
 * Over a real link, or to a cluster that takes a while to answer, a request costs far more per
 * byte than level-1 gzip does, so `auto` compresses; to a cluster that answers at once (a local
 * test, a benchmark), compressing would only add time, so it does not.
 *
 * @example
 * ```ts
 * const advisor = createCompressionAdvisor({ compression: 'auto', gzipLevel: 1 });
 * advisor.choose(firstChunk.bytes); // 'gzip': nothing measured yet
 * advisor.recordRequest(700_000, 50); // a slow link: 50 ms for 0.7 MB
 * advisor.choose(nextChunk.bytes); // 'gzip'
 * ```
 */
export function createCompressionAdvisor(options: CompressionAdvisorOptions): CompressionAdvisor {
  const { compression, gzipLevel } = options;
  const now = options.now ?? (() => performance.now());
  const costShare = (options.parallelism ?? availableParallelism()) > 1 ? 0.5 : 1;
  const requestMsPerWireByte = createRecentMedian();
  const compressionMsPerByte = createRecentMedian();
  const compressedFraction = createRecentMedian();
  let samples = 0;
  let choices = 0;

  const sample = (body: Uint8Array): void => {
    const part = body.subarray(0, Math.min(SAMPLE_BYTES, body.byteLength));
    if (part.byteLength === 0) return;
    const started = now();
    const compressed = deflateRawSync(part, { level: gzipLevel });
    const durationMs = now() - started;
    samples += 1;
    compressionMsPerByte.add(Math.max(0, durationMs) / part.byteLength);
    compressedFraction.add(Math.min(1, compressed.byteLength / part.byteLength));
  };

  return {
    choose(body) {
      if (compression !== 'auto') return compression;
      choices += 1;
      if (samples < RECENT || choices % SAMPLE_EVERY === 0) sample(body);
      const requestCost = requestMsPerWireByte.get();
      const compressionCost = compressionMsPerByte.get();
      const fraction = compressedFraction.get();
      if (requestCost === undefined || compressionCost === undefined || fraction === undefined) {
        return 'gzip';
      }
      return requestCost * (1 - fraction) >= compressionCost * costShare ? 'gzip' : 'none';
    },
    recordRequest(wireBytes, durationMs) {
      if (compression !== 'auto' || !(wireBytes > 0) || !(durationMs >= 0)) return;
      requestMsPerWireByte.add(durationMs / wireBytes);
    },
  };
}
