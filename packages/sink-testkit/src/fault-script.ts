import type { IncomingHttpHeaders } from 'node:http';
import { describeReceived } from './describe-received';
import { SinkTestkitError } from './errors';

/**
 * What a fault's `match` function sees of a request, before its body is read.
 *
 * @example
 * ```ts
 * const onlyWrites = (request: FaultRequestInfo) => request.method !== 'GET' && request.method !== 'HEAD';
 * ```
 */
export interface FaultRequestInfo {
  readonly method: string;
  /** Path and query string as sent, e.g. `/cwl-2024.06.01/_bulk?refresh=false`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Fields every fault shares.
 *
 * @example
 * ```ts
 * const common: FaultCommon = { times: 2, match: (request) => request.path.endsWith('/_bulk') };
 * ```
 */
export interface FaultCommon {
  /**
   * How many matching requests the fault applies to. `Number.POSITIVE_INFINITY` keeps it until
   * `clearFaults()`.
   * @default 1
   */
  readonly times?: number;
  /**
   * Which requests the fault applies to; requests it returns `false` for pass through untouched
   * and do not use up `times`.
   * @default every request
   */
  readonly match?: (request: FaultRequestInfo) => boolean;
}

/**
 * One scripted failure, shared by `startFakeElasticsearch`, `startFakeHttpIntake` and
 * `startFaultProxy`. The request body is always read first (counted in `largestRequestBytes`),
 * so a client never sees a write error instead of the scripted answer.
 *
 * - `status`: answer with `status` and `body` (an HTML error page by default, as a load balancer
 *   sends) without handling the request.
 * - `hang`: never answer; the connection stays open until the client gives up or the server closes.
 * - `reset`: destroy the connection without answering.
 * - `lost-response`: handle the request (the destination stores it), then destroy the connection
 *   instead of answering — the "did it land?" case idempotency exists for.
 * - `delay`: wait `ms` milliseconds, then handle the request normally (a slow destination).
 *
 * @example
 * ```ts
 * fake.injectFault({ kind: 'status', status: 502, times: 2 });
 * fake.injectFault({ kind: 'delay', ms: 250, match: (request) => request.method === 'POST' });
 * ```
 */
export type Fault =
  | (FaultCommon & {
      readonly kind: 'status';
      /** HTTP status to answer with, 300–599. */
      readonly status: number;
      /**
       * Response body.
       * @default an HTML error page naming the status, like nginx or an AWS load balancer
       */
      readonly body?: string;
      /**
       * `content-type` of the response.
       * @default 'text/html' when `body` is absent, 'application/json' when it starts with `{`, else 'text/plain'
       */
      readonly contentType?: string;
      /**
       * Extra response headers, e.g. `{ 'retry-after': '1' }`.
       * @default {}
       */
      readonly headers?: Readonly<Record<string, string>>;
    })
  | (FaultCommon & { readonly kind: 'hang' })
  | (FaultCommon & { readonly kind: 'reset' })
  | (FaultCommon & { readonly kind: 'lost-response' })
  | (FaultCommon & {
      readonly kind: 'delay';
      /** Milliseconds to wait before handling the request. */
      readonly ms: number;
    });

interface ScriptedFault {
  readonly fault: Fault;
  remaining: number;
}

const faultKinds = new Set(['status', 'hang', 'reset', 'lost-response', 'delay']);

/**
 * An ordered list of scripted faults. Each request takes the first fault whose `match` accepts
 * it, using up one of its `times`; requests no fault matches are handled normally.
 *
 * @example
 * ```ts
 * const script = new FaultScript();
 * script.inject({ kind: 'status', status: 503, times: 1 });
 * script.take({ method: 'POST', path: '/_bulk', headers: {} }); // the 503 fault
 * script.take({ method: 'POST', path: '/_bulk', headers: {} }); // undefined
 * ```
 */
export class FaultScript {
  readonly #scripted: ScriptedFault[] = [];
  #applied = 0;

  /** Appends a fault; throws `SinkTestkitError` (`invalid-fault`) when it is malformed. */
  inject(fault: Fault): void {
    this.#scripted.push({ fault, remaining: validateFault(fault) });
  }

  /** Removes every scripted fault that has not been used up. */
  clear(): void {
    this.#scripted.length = 0;
  }

  /** Faults still waiting to be applied. */
  get pending(): number {
    return this.#scripted.length;
  }

  /** Faults applied so far. */
  get applied(): number {
    return this.#applied;
  }

  /** Returns the fault for this request, if any, and uses up one of its `times`. */
  take(request: FaultRequestInfo): Fault | undefined {
    const index = this.#scripted.findIndex(
      (scripted) => scripted.fault.match === undefined || scripted.fault.match(request),
    );
    if (index === -1) return undefined;
    const scripted = this.#scripted[index]!;
    scripted.remaining -= 1;
    if (scripted.remaining <= 0) this.#scripted.splice(index, 1);
    this.#applied += 1;
    return scripted.fault;
  }
}

function validateFault(fault: Fault): number {
  const candidate = fault as unknown as Partial<Record<string, unknown>> | null;
  if (candidate === null || typeof candidate !== 'object') {
    throw invalidFault('a fault must be an object', fault);
  }
  if (typeof candidate.kind !== 'string' || !faultKinds.has(candidate.kind)) {
    throw invalidFault(
      'kind must be one of status, hang, reset, lost-response, delay',
      candidate.kind,
    );
  }
  const times = candidate.times ?? 1;
  if (
    typeof times !== 'number' ||
    !(times === Number.POSITIVE_INFINITY || (Number.isSafeInteger(times) && times >= 1))
  ) {
    throw invalidFault('times must be a positive integer or Number.POSITIVE_INFINITY', times);
  }
  if (candidate.match !== undefined && typeof candidate.match !== 'function') {
    throw invalidFault('match must be a function of the request', candidate.match);
  }
  if (candidate.kind === 'status') {
    const status = candidate.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 300 || status > 599) {
      throw invalidFault('a status fault needs an integer status from 300 to 599', status);
    }
    if (candidate.body !== undefined && typeof candidate.body !== 'string') {
      throw invalidFault('body must be a string', candidate.body);
    }
  }
  if (candidate.kind === 'delay') {
    const ms = candidate.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw invalidFault('a delay fault needs ms, a finite number ≥ 0', ms);
    }
  }
  return times;
}

function invalidFault(rule: string, received: unknown): SinkTestkitError {
  return new SinkTestkitError(`Invalid fault: ${rule}; received ${describeReceived(received)}`, {
    code: 'invalid-fault',
  });
}
