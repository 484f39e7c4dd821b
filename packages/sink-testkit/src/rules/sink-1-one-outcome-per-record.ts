import { createTestRecords } from '../create-test-records';
import { defineRule } from './define-rule';

/**
 * SINK-1 (MUST): one well-formed outcome per record, in input order, with honest counters.
 *
 * @example
 * ```ts
 * await sink1OneOutcomePerRecord.check(harness);
 * ```
 */
export const sink1OneOutcomePerRecord = defineRule({
  id: 'SINK-1',
  level: 'MUST',
  statement:
    'send() resolves with exactly one well-formed outcome per input record, in input order, and reports the requests it made and the bytes it sent',
  cases: [
    {
      name: 'a healthy destination gets every record once',
      run: async (probe) => {
        const records = createTestRecords(40, { seed: 101 });
        const attempt = await probe.send(records);
        const result = probe.expectResolved(attempt, 'healthy destination');
        probe.expectWellFormed(result, records, 'healthy destination');
        probe.expectAllDelivered(result, records, 'healthy destination');
        if (result.requests !== attempt.requests) {
          probe.fail(
            `result.requests says ${result.requests} but the destination received ${attempt.requests} request(s)`,
          );
        }
        if (result.bytesSent === 0) {
          probe.fail(
            'result.bytesSent is 0 after delivering 40 records; it must count the body bytes put on the wire',
          );
        }
        await probe.expectStoredExactlyOnce(records, 'healthy destination');
      },
    },
  ],
});
