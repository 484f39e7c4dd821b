import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureBody } from './measure-body';
import { type PlannedEvent, planRequests } from './plan-requests';

const batch = fc.array(
  fc.option(
    fc.record({
      bytes: fc.integer({ min: 2, max: 400 }),
      group: fc.constantFrom('', 'a', 'b', 'c'),
    }),
    { freq: 8, nil: undefined },
  ),
  { maxLength: 120 },
);
const limits = fc.record({
  format: fc.constantFrom('ndjson' as const, 'json-array' as const),
  maxBytes: fc.integer({ min: 16, max: 1500 }),
  maxEvents: fc.integer({ min: 1, max: 25 }),
});

describe('planRequests (property)', () => {
  it('plans every event exactly once, within the limits, one group per request, in order', () => {
    fc.assert(
      fc.property(batch, limits, (events, limit) => {
        const { requests, oversized } = planRequests(events, limit);
        const fitsAlone = (event: PlannedEvent) =>
          measureBody(limit.format, 1, event.bytes) <= limit.maxBytes;

        const expectedPlanned = events.flatMap((event, index) =>
          event !== undefined && fitsAlone(event) ? [index] : [],
        );
        const expectedOversized = events.flatMap((event, index) =>
          event !== undefined && !fitsAlone(event) ? [index] : [],
        );
        expect(oversized).toEqual(expectedOversized);
        expect(requests.flat().sort((left, right) => left - right)).toEqual(expectedPlanned);

        for (const request of requests) {
          expect(request.length).toBeGreaterThan(0);
          expect(request.length).toBeLessThanOrEqual(limit.maxEvents);
          const planned = request.map((index) => events[index]!);
          const bytes = planned.reduce((total, event) => total + event.bytes, 0);
          expect(measureBody(limit.format, request.length, bytes)).toBeLessThanOrEqual(
            limit.maxBytes,
          );
          expect(new Set(planned.map((event) => event.group)).size).toBe(1);
          expect([...request].sort((left, right) => left - right)).toEqual(request);
        }
        const firsts = requests.map((request) => request[0]!);
        expect([...firsts].sort((left, right) => left - right)).toEqual(firsts);
      }),
      { numRuns: 300 },
    );
  });

  it('is greedy: a request of a group ends only when its next event could not have joined', () => {
    fc.assert(
      fc.property(batch, limits, (events, limit) => {
        const { requests } = planRequests(events, limit);
        const byGroup = new Map<string, (readonly number[])[]>();
        for (const request of requests) {
          const group = events[request[0]!]!.group;
          byGroup.set(group, [...(byGroup.get(group) ?? []), request]);
        }
        for (const groupRequests of byGroup.values()) {
          for (const [position, request] of groupRequests.entries()) {
            const next = groupRequests[position + 1]?.[0];
            if (next === undefined) continue;
            const bytes = [...request, next].reduce(
              (total, index) => total + events[index]!.bytes,
              0,
            );
            const couldJoin =
              request.length + 1 <= limit.maxEvents &&
              measureBody(limit.format, request.length + 1, bytes) <= limit.maxBytes;
            expect(couldJoin).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps input order across requests when every event has the same headers', () => {
    fc.assert(
      fc.property(batch, limits, (events, limit) => {
        const sameGroup = events.map((event) =>
          event === undefined ? undefined : { ...event, group: '' },
        );
        const { requests, oversized } = planRequests(sameGroup, limit);
        const skipped = new Set(oversized);
        expect(requests.flat()).toEqual(
          sameGroup.flatMap((event, index) =>
            event === undefined || skipped.has(index) ? [] : [index],
          ),
        );
      }),
      { numRuns: 200 },
    );
  });
});
