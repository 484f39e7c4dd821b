import { describe, expect, it } from 'vitest';
import { type BulkRequestDecision, classifyBulkHttpStatus } from './classify-bulk-http-status';

describe('classifyBulkHttpStatus', () => {
  it('decides per the documented table', () => {
    const cases: [number | 'network-error' | 'timeout', BulkRequestDecision][] = [
      [200, 'parse-items'],
      [201, 'parse-items'],
      [299, 'parse-items'],
      [413, 'split'],
      [408, 'retry'],
      [429, 'retry'],
      [500, 'retry'],
      [502, 'retry'],
      [503, 'retry'],
      [504, 'retry'],
      [599, 'retry'],
      [100, 'retry'],
      ['network-error', 'retry'],
      ['timeout', 'retry'],
      [301, 'configuration'],
      [307, 'configuration'],
      [401, 'configuration'],
      [403, 'configuration'],
      [404, 'configuration'],
      [405, 'configuration'],
      [406, 'configuration'],
      [407, 'configuration'],
      [415, 'configuration'],
      [400, 'reject'],
      [409, 'reject'],
      [411, 'reject'],
      [422, 'reject'],
      [499, 'reject'],
    ];
    for (const [status, decision] of cases)
      expect(classifyBulkHttpStatus(status), String(status)).toBe(decision);
  });

  it('returns one of the five decisions for every status', () => {
    const decisions = new Set<BulkRequestDecision>();
    for (let status = 100; status <= 599; status += 1)
      decisions.add(classifyBulkHttpStatus(status));
    expect([...decisions].sort()).toEqual([
      'configuration',
      'parse-items',
      'reject',
      'retry',
      'split',
    ]);
  });

  it('refuses anything that is not an HTTP status or a transport failure', () => {
    for (const status of [99, 600, 200.5, '200', Number.NaN, 'reset']) {
      expect(() => classifyBulkHttpStatus(status as number)).toThrow(
        expect.objectContaining({
          code: 'invalid-argument',
          message: expect.stringContaining(
            "needs an HTTP status from 100 to 599, 'network-error' or 'timeout'",
          ),
        }),
      );
    }
  });
});
