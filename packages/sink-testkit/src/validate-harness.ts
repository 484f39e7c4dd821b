import { describeReceived } from './describe-received';
import { SinkTestkitError } from './errors';
import type { SinkConformanceHarness } from './sink-conformance-harness';

/**
 * Checks a harness meets the contract before a rule runs, so a harness mistake is reported as
 * one instead of as a sink violation.
 *
 * @example
 * ```ts
 * validateHarness(harness); // throws SinkTestkitError('invalid-harness') when timeoutMs is 10
 * ```
 */
export function validateHarness(harness: SinkConformanceHarness): void {
  if (harness === null || typeof harness !== 'object') {
    throw invalid('setup() must resolve to a harness object', harness);
  }
  const sink = harness.sink as unknown as Partial<Record<string, unknown>> | undefined;
  if (sink === null || typeof sink !== 'object' || typeof sink.send !== 'function') {
    throw invalid('harness.sink must be a Sink with a send() method', typeof sink);
  }
  if (typeof sink.name !== 'string' || sink.name === '') {
    throw invalid('harness.sink.name must be a non-empty string', sink.name);
  }
  for (const method of ['storedIds', 'requestCount', 'injectFault', 'close'] as const) {
    if (typeof harness[method] !== 'function') {
      throw invalid(`harness.${method} must be a function`, typeof harness[method]);
    }
  }
  const { timeoutMs } = harness;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs < 200 ||
    timeoutMs > 5000
  ) {
    throw invalid(
      'harness.timeoutMs must be the sink’s request timeout, 200 to 5000 ms (small keeps the suite fast; ≥ 200 lets an abort be told apart from a timeout)',
      timeoutMs,
    );
  }
  if (
    !Array.isArray(harness.secrets) ||
    harness.secrets.some((secret) => typeof secret !== 'string')
  ) {
    throw invalid('harness.secrets must be an array of strings', typeof harness.secrets);
  }
  const short = harness.secrets.find((secret) => secret.length < 6);
  if (short !== undefined) {
    // A very short secret would match innocent output; print only its length.
    throw invalid(
      'every harness.secrets entry must be at least 6 characters',
      `${short.length} characters`,
    );
  }
  if (
    harness.maxRequestBytes !== undefined &&
    (!Number.isSafeInteger(harness.maxRequestBytes) ||
      harness.maxRequestBytes < 16 * 1024 ||
      harness.maxRequestBytes > 4 * 1024 * 1024)
  ) {
    throw invalid(
      'harness.maxRequestBytes must be an integer from 16 KiB (the largest generated record must fit) to 4 MiB (a small limit keeps SINK-9 fast)',
      harness.maxRequestBytes,
    );
  }
}

function invalid(rule: string, received: unknown): SinkTestkitError {
  return new SinkTestkitError(
    `Invalid conformance harness: ${rule}; received ${describeReceived(received)}`,
    {
      code: 'invalid-harness',
    },
  );
}
