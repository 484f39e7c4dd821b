import { describe, it } from 'vitest';
import type { ConformanceRuleId } from './conformance-rule';
import { describeReceived } from './describe-received';
import { SinkTestkitError } from './errors';
import { planConformanceTests } from './plan-conformance-tests';
import { runConformanceTest } from './run-conformance-test';
import type { SinkConformanceHarness } from './sink-conformance-harness';

/**
 * Options of {@link describeSinkConformance}.
 *
 * @example
 * ```ts
 * const options: SinkConformanceOptions = {
 *   skip: { 'SINK-2': 'S3 stores whole objects; there is no per-record status' },
 * };
 * ```
 */
export interface SinkConformanceOptions {
  /**
   * Rules the adapter cannot meet or check, each with the reason shown in the test report.
   * Skipped rules appear as skipped tests, never as passed ones.
   * @default {} (every rule runs)
   */
  readonly skip?: Readonly<Partial<Record<ConformanceRuleId, string>>>;
  /**
   * Timeout of each conformance test, in milliseconds.
   * @default 30000
   */
  readonly testTimeoutMs?: number;
}

/**
 * Registers the conformance suite for one sink adapter: a vitest `describe` block with one test
 * per rule case of `docs/sink-spec.md`, named after the rule id. `setup` runs before every test
 * (a fresh destination each time) and the harness is closed after it. Output is captured during
 * each test and checked for the harness's secrets.
 *
 * @example
 * ```ts
 * describeSinkConformance('elasticsearch', async () => {
 *   const fake = await startFakeElasticsearch({ auth: { kind: 'basic', username: 'elastic', password: 'changeme-123' } });
 *   const sink = createElasticsearchSink({ url: fake.url, username: 'elastic', password: 'changeme-123', timeoutMs: 500 });
 *   return {
 *     sink,
 *     storedIds: async () => fake.storedIds(),
 *     requestCount: () => fake.requestCount(),
 *     injectFault: (fault) => fake.injectFault(fault),
 *     failRecords: (ids, outcome) =>
 *       fake.failItems({ match: (action) => ids.includes(action.id ?? ''), status: outcome === 'retryable' ? 429 : 400, times: ids.length }),
 *     secrets: ['changeme-123'],
 *     timeoutMs: 500,
 *     close: async () => { await sink.close?.(); await fake.close(); },
 *   };
 * });
 * ```
 */
export function describeSinkConformance(
  name: string,
  setup: () => Promise<SinkConformanceHarness>,
  options: SinkConformanceOptions = {},
): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new SinkTestkitError(
      `describeSinkConformance: name must be a non-empty string; received ${describeReceived(name)}`,
      { code: 'invalid-options' },
    );
  }
  if (typeof setup !== 'function') {
    throw new SinkTestkitError(
      `describeSinkConformance: setup must be a function returning a Promise of a harness; received ${describeReceived(setup)}`,
      { code: 'invalid-options' },
    );
  }
  const testTimeoutMs = options.testTimeoutMs ?? 30_000;
  if (!Number.isSafeInteger(testTimeoutMs) || testTimeoutMs < 1000) {
    throw new SinkTestkitError(
      `describeSinkConformance: options.testTimeoutMs must be an integer ≥ 1000; received ${describeReceived(testTimeoutMs)}`,
      { code: 'invalid-options' },
    );
  }
  const plan = planConformanceTests(options.skip);
  const checkOutputForSecrets = options.skip?.['SINK-10'] === undefined;

  describe(`${name} sink conformance (docs/sink-spec.md)`, () => {
    for (const planned of plan) {
      if (planned.skipReason !== undefined) {
        it.skip(planned.title, () => {});
        continue;
      }
      it(
        planned.title,
        (context) =>
          runConformanceTest(planned, setup, {
            skip: (note) => context.skip(note),
            checkOutputForSecrets,
          }),
        testTimeoutMs,
      );
    }
  });
}
