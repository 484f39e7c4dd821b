import type { ConformanceCase, ConformanceRule, ConformanceRuleId } from './conformance-rule';
import { conformanceRules } from './conformance-rules';
import { describeReceived } from './describe-received';
import { SinkTestkitError } from './errors';

/**
 * One test `describeSinkConformance` registers.
 *
 * @example
 * ```ts
 * const planned: PlannedConformanceTest = { rule, ruleCase, title: 'SINK-4 (MUST) an empty batch' };
 * ```
 */
export interface PlannedConformanceTest {
  readonly rule: ConformanceRule;
  readonly ruleCase: ConformanceCase;
  /** The test title: rule id, level, case name, and the skip reason when skipped. */
  readonly title: string;
  /** The adapter's declared reason for skipping the rule, when it did. */
  readonly skipReason?: string;
}

/**
 * Lists the tests for every rule case in id order, marking the rules an adapter declared
 * skipped. Rejects unknown rule ids and empty reasons, so a typo cannot skip a rule silently.
 *
 * @example
 * ```ts
 * planConformanceTests({ 'SINK-7': 'the intake has no auth' }).filter((test) => test.skipReason !== undefined);
 * ```
 */
export function planConformanceTests(
  skip: Readonly<Partial<Record<string, string>>> = {},
): PlannedConformanceTest[] {
  if (skip === null || typeof skip !== 'object' || Array.isArray(skip)) {
    throw new SinkTestkitError(
      `describeSinkConformance: options.skip must be an object of rule id → reason; received ${describeReceived(skip)}`,
      { code: 'invalid-options' },
    );
  }
  for (const [ruleId, reason] of Object.entries(skip)) {
    if (!Object.hasOwn(conformanceRules, ruleId)) {
      throw new SinkTestkitError(
        `describeSinkConformance: options.skip names an unknown rule; rule ids are SINK-1 to SINK-${Object.keys(conformanceRules).length}; received ${describeReceived(ruleId)}`,
        { code: 'invalid-options' },
      );
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new SinkTestkitError(
        `describeSinkConformance: options.skip['${ruleId}'] must be a non-empty reason, shown in the test report; received ${describeReceived(reason)}`,
        { code: 'invalid-options' },
      );
    }
  }
  return Object.values(conformanceRules).flatMap((rule) =>
    rule.cases.map((ruleCase) => {
      const title = `${rule.id} (${rule.level}) ${ruleCase.name}`;
      const skipReason = skip[rule.id as ConformanceRuleId];
      return skipReason === undefined
        ? { rule, ruleCase, title }
        : { rule, ruleCase, title: `${title} — skipped: ${skipReason}`, skipReason };
    }),
  );
}
