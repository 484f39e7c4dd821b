import { captureOutput } from './capture-output';
import { ConformanceViolationError } from './errors';
import { findLeakedSecrets } from './find-leaked-secrets';
import type { PlannedConformanceTest } from './plan-conformance-tests';
import type { SinkConformanceHarness } from './sink-conformance-harness';

/**
 * Options of {@link runConformanceTest}.
 *
 * @example
 * ```ts
 * const options: RunConformanceTestOptions = { skip: (note) => context.skip(note), checkOutputForSecrets: true };
 * ```
 */
export interface RunConformanceTestOptions {
  /** Marks the running test skipped with a note (vitest's `context.skip`); must throw. */
  readonly skip: (note: string) => never;
  /** Whether to fail the test when the harness's secrets appear in output (SINK-10 not skipped). */
  readonly checkOutputForSecrets: boolean;
}

/**
 * The body of one conformance test: sets up a fresh harness, captures output, runs the case,
 * checks the output for secrets, and always closes the harness. A failure of the case wins over
 * a failure to close; both are reported when both happen.
 *
 * @example
 * ```ts
 * it(planned.title, (context) => runConformanceTest(planned, setup, { skip: (note) => context.skip(note), checkOutputForSecrets: true }));
 * ```
 */
export async function runConformanceTest(
  planned: PlannedConformanceTest,
  setup: () => Promise<SinkConformanceHarness>,
  options: RunConformanceTestOptions,
): Promise<void> {
  const capture = captureOutput();
  let harness: SinkConformanceHarness | undefined;
  let failure: { readonly error: unknown } | undefined;
  try {
    harness = await setup();
    const notApplicable = planned.ruleCase.skipReason?.(harness);
    if (notApplicable !== undefined) options.skip(notApplicable);
    await planned.ruleCase.check(harness);
  } catch (error) {
    failure = { error };
  } finally {
    capture.restore();
  }
  if (failure === undefined && harness !== undefined && options.checkOutputForSecrets) {
    const leaks = findLeakedSecrets([{ where: 'output', text: capture.text() }], harness.secrets);
    if (leaks.length > 0) {
      failure = {
        error: new ConformanceViolationError(
          'SINK-10',
          `credentials appeared in console/stdout/stderr output during "${planned.title}": ${leaks.join('; ')}`,
        ),
      };
    }
  }
  if (harness !== undefined) {
    try {
      await harness.close();
    } catch (closeError) {
      failure =
        failure === undefined
          ? { error: closeError }
          : {
              error: new AggregateError(
                [failure.error, closeError],
                'The conformance case failed, and closing the harness failed too',
              ),
            };
    }
  }
  if (failure !== undefined) throw failure.error;
}
