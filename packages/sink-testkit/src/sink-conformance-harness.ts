import type { Sink } from '@logferry/sink';

/**
 * A fault the conformance suite asks the destination (or a proxy in front of it) to inject into
 * the next `times` requests. Harnesses built on the kit's fakes get all of them for free: every
 * `ConformanceFault` is a valid `Fault` of the kit's fault script.
 *
 * @example
 * ```ts
 * harness.injectFault({ kind: 'status', status: 503, times: 1 });
 * ```
 */
export type ConformanceFault =
  /**
   * Answer with this HTTP status and an HTML error page instead of handling the request. 401 and
   * 403 stand for rejected credentials, the others for transient failures.
   */
  | {
      readonly kind: 'status';
      readonly status: 401 | 403 | 429 | 500 | 502 | 503 | 504;
      readonly times: number;
    }
  /** Accept the connection and never answer (the sink's timeout must fire). */
  | { readonly kind: 'hang'; readonly times: number }
  /** Destroy the connection once the request has been read. */
  | { readonly kind: 'reset'; readonly times: number }
  /** Handle the request (the destination stores it), then destroy the connection unanswered. */
  | { readonly kind: 'lost-response'; readonly times: number };

/**
 * What an adapter gives the conformance suite: a sink wired to a destination the suite can
 * inspect and break. Created fresh for every test by the `setup` function passed to
 * `describeSinkConformance`, and closed after it.
 *
 * The optional members are capabilities some rules need. A rule whose capability is missing
 * fails with instructions, unless the adapter declares it skipped with a reason.
 *
 * @example
 * ```ts
 * const harness: SinkConformanceHarness = {
 *   sink,
 *   storedIds: async () => fakeServer.storedIds(),
 *   requestCount: () => fakeServer.requestCount(),
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
  /**
   * Credential strings that must never appear in errors, logs or `util.inspect(sink)`. Include
   * every static credential and any static `Authorization` header value derived from one.
   */
  readonly secrets: readonly string[];
  /** The request timeout the sink was configured with, in milliseconds (200 to 5000; 500 is a good value). */
  readonly timeoutMs: number;
  /** Stops servers and closes the sink. */
  close(): Promise<void>;

  /**
   * Capability for SINK-2: makes the destination refuse exactly these records once each, with a
   * transient per-record failure (`retryable`, e.g. an item 429) or a permanent one (`rejected`,
   * e.g. an item 400), while accepting the rest of the request. Destinations that accept or
   * refuse whole requests only (S3 objects, most log intakes) cannot offer it.
   */
  failRecords?(ids: readonly string[], outcome: 'retryable' | 'rejected'): void;
  /** Capability for SINK-9: the largest request body the sink was configured to send, in bytes (16 KiB to 4 MiB here). */
  readonly maxRequestBytes?: number;
  /** Capability for SINK-9: the largest request body the destination received, in bytes as sent. */
  largestRequestBytes?(): number;
  /** Capability for SINK-12: the stored message text of every stored record, by CloudWatch event id. */
  storedMessages?(): Promise<ReadonlyMap<string, string>>;
}
