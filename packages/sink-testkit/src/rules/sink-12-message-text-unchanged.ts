import { createTestRecords } from '../create-test-records';
import { describeReceived } from '../describe-received';
import { defineRule } from './define-rule';
import { requireCapability } from './require-capability';

/**
 * SINK-12 (MUST): the stored message text is exactly what CloudWatch Logs delivered.
 *
 * @example
 * ```ts
 * await sink12MessageTextUnchanged.check(harness);
 * ```
 */
export const sink12MessageTextUnchanged = defineRule({
  id: 'SINK-12',
  level: 'MUST',
  statement:
    'the destination stores each message exactly as received: unicode (accents, CJK, emoji, combining marks), JSON-hostile characters (quotes, backslashes, control characters, U+2028), newlines and multi-KB lines unchanged',
  cases: [
    {
      name: 'unicode, control characters and multi-KB messages',
      run: async (probe) => {
        const storedMessages = requireCapability(
          probe.harness,
          'SINK-12',
          'storedMessages',
          "the message text the destination holds per event id, e.g. from the fake's documents()",
        );
        const records = createTestRecords(32, { seed: 1201 });
        const result = probe.expectResolved(await probe.send(records), 'mixed messages');
        probe.expectWellFormed(result, records, 'mixed messages');
        probe.expectAllDelivered(result, records, 'mixed messages');
        const stored = await storedMessages();
        records.forEach((record, index) => {
          const message = stored.get(record.id);
          if (message !== record.message) {
            probe.fail(
              `record ${index}'s message changed on its way: sent ${describeReceived(record.message, 120)}`,
              message,
            );
          }
        });
      },
    },
  ],
});
