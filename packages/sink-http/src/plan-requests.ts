import type { HttpBodyFormat } from './http-sink-options';
import { measureBody } from './measure-body';

/**
 * What the planner needs to know about one event: its serialized size and the key of the
 * request headers it needs (events with different keys never share a request).
 *
 * @example
 * ```ts
 * const event: PlannedEvent = { bytes: 212, group: '/aws/lambda/checkout' };
 * ```
 */
export interface PlannedEvent {
  /** UTF-8 bytes of the event's JSON. */
  readonly bytes: number;
  /** Request-header key; `''` when every event shares the same headers. */
  readonly group: string;
}

/**
 * The requests to make for a batch: each entry lists event indices, in input order; requests are
 * ordered by their first index. `oversized` lists the events that cannot fit in a request alone.
 *
 * @example
 * ```ts
 * const plan: RequestPlan = { requests: [[0, 1], [2]], oversized: [3] };
 * ```
 */
export interface RequestPlan {
  readonly requests: readonly (readonly number[])[];
  readonly oversized: readonly number[];
}

/**
 * Splits a batch into requests, greedily and in one pass: each event joins the open request of
 * its header group while the body stays within `maxBytes` and `maxEvents`, and otherwise starts
 * the next request of that group. Events marked `undefined` (already settled) are skipped; an
 * event too large for a request of its own is listed in `oversized` and never planned.
 *
 * @example
 * ```ts
 * planRequests(
 *   [{ bytes: 40, group: '' }, { bytes: 40, group: '' }, { bytes: 500, group: '' }],
 *   { format: 'ndjson', maxBytes: 100, maxEvents: 10 },
 * );
 * // → { requests: [[0, 1]], oversized: [2] }
 * ```
 */
export function planRequests(
  events: readonly (PlannedEvent | undefined)[],
  limits: {
    readonly format: HttpBodyFormat;
    readonly maxBytes: number;
    readonly maxEvents: number;
  },
): RequestPlan {
  const { format, maxBytes, maxEvents } = limits;
  const closed: number[][] = [];
  const open = new Map<string, { indices: number[]; eventBytes: number }>();
  const oversized: number[] = [];
  for (const [index, event] of events.entries()) {
    if (event === undefined) continue;
    if (measureBody(format, 1, event.bytes) > maxBytes) {
      oversized.push(index);
      continue;
    }
    const current = open.get(event.group);
    if (
      current !== undefined &&
      current.indices.length < maxEvents &&
      measureBody(format, current.indices.length + 1, current.eventBytes + event.bytes) <= maxBytes
    ) {
      current.indices.push(index);
      current.eventBytes += event.bytes;
      continue;
    }
    if (current !== undefined) closed.push(current.indices);
    open.set(event.group, { indices: [index], eventBytes: event.bytes });
  }
  for (const { indices } of open.values()) closed.push(indices);
  // One header group keeps input order already; several groups interleave, so sort them back.
  if (open.size > 1) closed.sort((left, right) => left[0]! - right[0]!);
  return { requests: closed, oversized };
}
