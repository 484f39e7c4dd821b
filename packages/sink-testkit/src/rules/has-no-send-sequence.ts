import type { SinkConformanceHarness } from '../sink-conformance-harness';

/**
 * Skip reason for cases about `sendSequence`, which the `Sink` interface makes optional.
 *
 * @example
 * ```ts
 * const cases = [{ name: 'a generator to a healthy destination', skipReason: hasNoSendSequence, run }];
 * ```
 */
export function hasNoSendSequence(harness: SinkConformanceHarness): string | undefined {
  return typeof harness.sink.sendSequence === 'function'
    ? undefined
    : 'the sink has no sendSequence() (sendSequence is optional in the Sink interface)';
}
