import { inspect } from 'node:util';
import { captureOutput } from '../capture-output';
import { createTestRecords } from '../create-test-records';
import { SinkTestkitError } from '../errors';
import { type Evidence, findLeakedSecrets } from '../find-leaked-secrets';
import type { ConformanceFault } from '../sink-conformance-harness';
import { defineRule } from './define-rule';

const scenarios: readonly { readonly name: string; readonly fault?: ConformanceFault }[] = [
  { name: 'healthy send' },
  { name: '401 answer', fault: { kind: 'status', status: 401, times: 1 } },
  { name: '403 answer', fault: { kind: 'status', status: 403, times: 1 } },
  { name: '503 answer', fault: { kind: 'status', status: 503, times: 1 } },
  { name: 'connection reset', fault: { kind: 'reset', times: 1 } },
];

/**
 * SINK-10 (MUST): credentials never appear in output, errors, outcomes or `util.inspect(sink)`.
 *
 * @example
 * ```ts
 * await sink10CredentialsNeverLeak.check(harness);
 * ```
 */
export const sink10CredentialsNeverLeak = defineRule({
  id: 'SINK-10',
  level: 'MUST',
  statement:
    'credentials never appear in console or stdout/stderr output, thrown errors (message, stack, cause chain, own properties), outcome reasons, or util.inspect(sink)',
  cases: [
    {
      name: 'successes, failures and inspection',
      run: async (probe) => {
        const { harness } = probe;
        if (harness.secrets.length === 0) {
          throw new SinkTestkitError(
            "SINK-10 needs harness.secrets: the credentials the sink was configured with. If the destination takes none, declare { skip: { 'SINK-10': 'no credentials' } }; received an empty list",
            { code: 'invalid-harness' },
          );
        }
        const evidence: Evidence[] = [];
        const capture = captureOutput();
        try {
          evidence.push({
            where: 'util.inspect(sink)',
            text: inspect(harness.sink, { depth: 6, showHidden: true }),
          });
          for (const [index, { name, fault }] of scenarios.entries()) {
            if (fault !== undefined) harness.injectFault(fault);
            const attempt = await probe.send(createTestRecords(3, { seed: 1001 + index }));
            if (attempt.kind === 'resolved') {
              evidence.push({
                where: `outcomes after a ${name}`,
                text: inspect(attempt.value, { depth: 6 }),
              });
            } else if (attempt.kind === 'rejected') {
              evidence.push(
                ...describeThrown(attempt.error, `the error send() threw after a ${name}`),
              );
            }
          }
          if (typeof harness.sink.checkHealth === 'function') {
            harness.injectFault({ kind: 'status', status: 401, times: 1 });
            const settled = await probe.settle(() => harness.sink.checkHealth!());
            if (settled.kind === 'rejected') {
              evidence.push(
                ...describeThrown(settled.error, 'the error checkHealth() threw after a 401'),
              );
            }
          }
        } finally {
          capture.restore();
        }
        evidence.push({ where: 'console, stdout or stderr output', text: capture.text() });
        const leaks = findLeakedSecrets(evidence, harness.secrets);
        if (leaks.length > 0) probe.fail(`credentials leaked: ${leaks.join('; ')}`);
      },
    },
  ],
});

function describeThrown(error: unknown, where: string): Evidence[] {
  const evidence: Evidence[] = [{ where, text: inspect(error, { depth: 6, showHidden: true }) }];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth += 1) {
    evidence.push({
      where: `${where} (message/stack at cause depth ${depth})`,
      text: `${current.message}\n${current.stack ?? ''}`,
    });
    current = current.cause;
  }
  return evidence;
}
