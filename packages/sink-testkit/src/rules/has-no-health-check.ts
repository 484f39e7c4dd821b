import type { SinkConformanceHarness } from '../sink-conformance-harness';

/**
 * Skip reason for cases about `checkHealth`, which the `Sink` interface makes optional.
 *
 * @example
 * ```ts
 * const cases = [{ name: 'checkHealth', skipReason: hasNoHealthCheck, run }];
 * ```
 */
export function hasNoHealthCheck(harness: SinkConformanceHarness): string | undefined {
  return typeof harness.sink.checkHealth === 'function'
    ? undefined
    : 'the sink has no checkHealth() (optional in the Sink interface)';
}
