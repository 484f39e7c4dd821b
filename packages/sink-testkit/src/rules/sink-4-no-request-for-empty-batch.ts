import { setTimeout as sleep } from 'node:timers/promises';
import { defineRule } from './define-rule';

/**
 * SINK-4 (MUST): an empty batch makes no request.
 *
 * @example
 * ```ts
 * await sink4NoRequestForEmptyBatch.check(harness);
 * ```
 */
export const sink4NoRequestForEmptyBatch = defineRule({
  id: 'SINK-4',
  level: 'MUST',
  statement:
    'send([]) makes no network request and resolves with { outcomes: [], requests: 0, bytesSent: 0 }',
  cases: [
    {
      name: 'an empty batch',
      run: async (probe) => {
        const before = probe.harness.requestCount();
        const result = probe.expectResolved(await probe.send([]), 'empty batch');
        probe.expectWellFormed(result, [], 'empty batch');
        // A request fired without being awaited would arrive a moment later.
        await sleep(100);
        const requests = probe.harness.requestCount() - before;
        if (requests !== 0) {
          probe.fail(`the sink made ${requests} request(s) for an empty batch`);
        }
        if (result.requests !== 0 || result.bytesSent !== 0) {
          probe.fail('an empty batch must report requests: 0 and bytesSent: 0', {
            requests: result.requests,
            bytesSent: result.bytesSent,
          });
        }
      },
    },
  ],
});
