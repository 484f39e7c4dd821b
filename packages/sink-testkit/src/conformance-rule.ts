import type { SinkConformanceHarness } from './sink-conformance-harness';

/**
 * The stable id of a rule in `docs/sink-spec.md`.
 *
 * @example
 * ```ts
 * const skip: Partial<Record<ConformanceRuleId, string>> = { 'SINK-7': 'the intake has no auth' };
 * ```
 */
export type ConformanceRuleId =
  | 'SINK-1'
  | 'SINK-2'
  | 'SINK-3'
  | 'SINK-4'
  | 'SINK-5'
  | 'SINK-6'
  | 'SINK-7'
  | 'SINK-8'
  | 'SINK-9'
  | 'SINK-10'
  | 'SINK-11'
  | 'SINK-12'
  | 'SINK-13'
  | 'SINK-14';

/**
 * One scenario of a rule; `describeSinkConformance` registers one test per case.
 *
 * @example
 * ```ts
 * const ruleCase: ConformanceCase = { name: 'empty batch', check: async (harness) => {} };
 * ```
 */
export interface ConformanceCase {
  /** Short scenario name, e.g. `503 with an HTML body`. */
  readonly name: string;
  /**
   * Returns why this case does not apply to the harness (e.g. the sink has no `checkHealth`),
   * or `undefined` when it does. The test then shows as skipped with that reason.
   */
  readonly skipReason?: (harness: SinkConformanceHarness) => string | undefined;
  /** Runs the scenario; throws `ConformanceViolationError` when the sink breaks the rule. */
  readonly check: (harness: SinkConformanceHarness) => Promise<void>;
}

/**
 * What {@link ConformanceRule.check} reports when the rule held.
 *
 * @example
 * ```ts
 * const report: ConformanceCheckReport = { ruleId: 'SINK-5', passed: ['send'], skipped: [{ name: 'checkHealth', reason: 'the sink has no checkHealth' }] };
 * ```
 */
export interface ConformanceCheckReport {
  readonly ruleId: ConformanceRuleId;
  /** Names of the cases that ran and passed. */
  readonly passed: readonly string[];
  /** Cases that did not apply, with why. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/**
 * A MUST or SHOULD rule of `docs/sink-spec.md` with the checks that enforce it.
 *
 * @example
 * ```ts
 * const report = await conformanceRules['SINK-4'].check(harness);
 * ```
 */
export interface ConformanceRule {
  readonly id: ConformanceRuleId;
  readonly level: 'MUST' | 'SHOULD';
  /** The rule in one sentence, as in `docs/sink-spec.md`. */
  readonly statement: string;
  /** The scenarios that check it. */
  readonly cases: readonly ConformanceCase[];
  /**
   * Runs every case against one harness, in order. Rejects with `ConformanceViolationError` at
   * the first broken case, or `SinkTestkitError` (`invalid-harness`) when the harness cannot run
   * it; resolves with what passed and what did not apply.
   */
  check(harness: SinkConformanceHarness): Promise<ConformanceCheckReport>;
}
