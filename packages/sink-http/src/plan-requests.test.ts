import { describe, expect, it } from 'vitest';
import { planRequests } from './plan-requests';

const event = (bytes: number, group = '') => ({ bytes, group });

describe('planRequests', () => {
  it('puts a batch that fits into one request', () => {
    expect(
      planRequests([event(10), event(10), event(10)], {
        format: 'ndjson',
        maxBytes: 33,
        maxEvents: 3,
      }),
    ).toEqual({ requests: [[0, 1, 2]], oversized: [] });
  });

  it('starts a new request when the next event would pass maxBytes by one byte', () => {
    // NDJSON: 3 × (10 + 1) = 33 bytes.
    expect(
      planRequests([event(10), event(10), event(10)], {
        format: 'ndjson',
        maxBytes: 32,
        maxEvents: 10,
      }),
    ).toEqual({ requests: [[0, 1], [2]], oversized: [] });
  });

  it('counts the brackets and commas of a JSON array', () => {
    // '[' + 10 + ',' + 10 + ']' = 23 bytes.
    const plan = { format: 'json-array', maxEvents: 10 } as const;
    expect(planRequests([event(10), event(10)], { ...plan, maxBytes: 23 }).requests).toEqual([
      [0, 1],
    ]);
    expect(planRequests([event(10), event(10)], { ...plan, maxBytes: 22 }).requests).toEqual([
      [0],
      [1],
    ]);
  });

  it('starts a new request at maxEvents', () => {
    expect(
      planRequests([event(1), event(1), event(1), event(1), event(1)], {
        format: 'ndjson',
        maxBytes: 1000,
        maxEvents: 2,
      }).requests,
    ).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('lists events too large for a request of their own and skips settled ones', () => {
    expect(
      planRequests([event(5), undefined, event(50), event(5)], {
        format: 'ndjson',
        maxBytes: 50,
        maxEvents: 10,
      }),
    ).toEqual({ requests: [[0, 3]], oversized: [2] });
  });

  it('keeps header groups apart and orders requests by their first event', () => {
    expect(
      planRequests(
        [event(10, 'a'), event(10, 'b'), event(10, 'a'), event(10, 'b'), event(10, 'a')],
        {
          format: 'ndjson',
          maxBytes: 22,
          maxEvents: 10,
        },
      ).requests,
    ).toEqual([[0, 2], [1, 3], [4]]);
  });

  it('plans nothing for an empty batch', () => {
    expect(planRequests([], { format: 'ndjson', maxBytes: 100, maxEvents: 1 })).toEqual({
      requests: [],
      oversized: [],
    });
  });
});
