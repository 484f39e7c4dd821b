import { describe, expect, it } from 'vitest';
import { planConformanceTests } from './plan-conformance-tests';

describe('planConformanceTests', () => {
  it('plans one test per rule case, in rule id order, titled with id, level and case', () => {
    const plan = planConformanceTests();
    expect(plan.map((test) => test.title)).toEqual([
      'SINK-1 (MUST) a healthy destination gets every record once',
      'SINK-2 (MUST) per-record failures inside an accepted request',
      'SINK-3 (MUST) a Kinesis replay overlapping delivered records',
      'SINK-3 (MUST) a response lost after the destination stored the batch',
      'SINK-4 (MUST) an empty batch',
      'SINK-5 (MUST) send() when the destination never answers',
      'SINK-5 (MUST) checkHealth() when the destination never answers',
      'SINK-6 (MUST) a signal that is already aborted',
      'SINK-6 (MUST) a signal that aborts while a request is in flight',
      'SINK-7 (MUST) send() answered 401 Unauthorized',
      'SINK-7 (MUST) send() answered 403 Forbidden',
      'SINK-7 (MUST) checkHealth() answered 403 Forbidden',
      'SINK-8 (MUST) 429 Too Many Requests',
      'SINK-8 (MUST) 502 Bad Gateway with an HTML body',
      'SINK-8 (MUST) 503 Service Unavailable',
      'SINK-8 (MUST) connection reset',
      'SINK-8 (MUST) no answer until the timeout',
      'SINK-9 (MUST) a batch three times the limit is split',
      'SINK-9 (MUST) a record larger than the limit on its own is rejected',
      'SINK-10 (MUST) successes, failures and inspection',
      'SINK-11 (SHOULD) one failed request is not repeated',
      'SINK-12 (MUST) unicode, control characters and multi-KB messages',
      'SINK-13 (SHOULD) a healthy destination',
      'SINK-13 (SHOULD) a destination answering 503',
      'SINK-14 (SHOULD) a generator to a healthy destination',
      'SINK-14 (SHOULD) a signal that aborts while the first request is in flight',
    ]);
    expect(plan.every((test) => test.skipReason === undefined)).toBe(true);
  });

  it('marks every case of a skipped rule with the declared reason in its title', () => {
    const skipped = planConformanceTests({ 'SINK-7': 'no auth' }).filter(
      (test) => test.skipReason !== undefined,
    );
    expect(skipped.map((test) => test.title)).toEqual([
      'SINK-7 (MUST) send() answered 401 Unauthorized — skipped: no auth',
      'SINK-7 (MUST) send() answered 403 Forbidden — skipped: no auth',
      'SINK-7 (MUST) checkHealth() answered 403 Forbidden — skipped: no auth',
    ]);
  });

  it('refuses unknown rule ids and empty reasons, so nothing is skipped by a typo', () => {
    expect(() => planConformanceTests({ 'SINK-07': 'typo' })).toThrow(
      'describeSinkConformance: options.skip names an unknown rule; rule ids are SINK-1 to SINK-14; received "SINK-07"',
    );
    expect(() => planConformanceTests({ 'SINK-7': ' ' })).toThrow(
      'describeSinkConformance: options.skip[\'SINK-7\'] must be a non-empty reason, shown in the test report; received " "',
    );
    expect(() => planConformanceTests(['SINK-7'] as never)).toThrow(
      /options\.skip must be an object/,
    );
  });
});
