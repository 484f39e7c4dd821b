import type { Sink } from '@logferry/sink';

/**
 * A fault the conformance suite asks the destination (or a proxy in front of it) to inject into
 * the next `times` requests. Harnesses built on the kit's fakes get all of them for free.
 *
 * @example
 * ```ts
 * harness.injectFault({ kind: 'status', status: 503, times: 1 });
 * ```
 */
export type ConformanceFault =
  /** Answer with this HTTP status and an HTML error page instead of handling the request. */
  | {
      readonly kind: 'status';
      readonly status: 429 | 500 | 502 | 503 | 504;
      readonly times: number;
    }
  /** Accept the connection and never answer (the sink's timeout must fire). */
  | { readonly kind: 'hang'; readonly times: number }
  /** Destroy the connection once the request has been read. */
  | { readonly kind: 'reset'; readonly times: number };

/**
 * What an adapter gives the conformance suite: a sink wired to a destination the suite can
 * inspect and break. Created fresh for every test by the `setup` function passed to
 * `describeSinkConformance`, and closed after it.
 *
 * @example
 * ```ts
 * const harness: SinkConformanceHarness = {
 *   sink,
 *   storedIds: async () => fakeServer.storedIds(),
 *   requestCount: () => fakeServer.requestCount,
 *   injectFault: (fault) => fakeServer.injectFault(fault),
 *   secrets: ['AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'],
 *   timeoutMs: 500,
 *   close: () => fakeServer.close(),
 * };
 * ```
 */
export interface SinkConformanceHarness {
  /** The sink under test, configured to talk to the harness's destination. */
  readonly sink: Sink;
  /**
   * CloudWatch event ids of everything the destination durably holds, one entry per stored copy
   * (a duplicate appears twice). The suite asserts "exactly once" with it.
   */
  storedIds(): Promise<readonly string[]>;
  /** Requests the destination (or proxy) has received so far, including faulted ones. */
  requestCount(): number;
  /** Makes the next requests fail in the given way. */
  injectFault(fault: ConformanceFault): void;
  /** Credential strings that must never appear in errors, logs or `util.inspect(sink)`. */
  readonly secrets: readonly string[];
  /** The request timeout the sink was configured with, in milliseconds (keep it small: ≤ 1000). */
  readonly timeoutMs: number;
  /** Stops servers and closes the sink. */
  close(): Promise<void>;
}
