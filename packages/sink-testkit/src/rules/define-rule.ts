import type {
  ConformanceCase,
  ConformanceCheckReport,
  ConformanceRule,
  ConformanceRuleId,
} from '../conformance-rule';
import type { SinkConformanceHarness } from '../sink-conformance-harness';
import { validateHarness } from '../validate-harness';
import { createRuleProbe, type RuleProbe } from './rule-probe';

/**
 * A rule as written in `src/rules/`: cases receive a probe bound to the rule.
 *
 * @example
 * ```ts
 * const definition: RuleDefinition = { id: 'SINK-4', level: 'MUST', statement: '…', cases: [{ name: 'empty batch', run: async (probe) => {} }] };
 * ```
 */
export interface RuleDefinition {
  readonly id: ConformanceRuleId;
  readonly level: 'MUST' | 'SHOULD';
  readonly statement: string;
  readonly cases: readonly {
    readonly name: string;
    readonly skipReason?: (harness: SinkConformanceHarness) => string | undefined;
    readonly run: (probe: RuleProbe) => Promise<void>;
  }[];
}

/**
 * Turns a {@link RuleDefinition} into a {@link ConformanceRule}: each case validates the harness
 * and gets a fresh probe; `check` runs all cases in order and reports skipped ones.
 *
 * @example
 * ```ts
 * export const sink4NoRequestForEmptyBatch = defineRule({ id: 'SINK-4', level: 'MUST', statement, cases });
 * ```
 */
export function defineRule(definition: RuleDefinition): ConformanceRule {
  const cases: ConformanceCase[] = definition.cases.map((ruleCase) => ({
    name: ruleCase.name,
    ...(ruleCase.skipReason === undefined ? {} : { skipReason: ruleCase.skipReason }),
    check: async (harness) => {
      validateHarness(harness);
      await ruleCase.run(await createRuleProbe(definition.id, definition.statement, harness));
    },
  }));
  return {
    id: definition.id,
    level: definition.level,
    statement: definition.statement,
    cases,
    async check(harness): Promise<ConformanceCheckReport> {
      validateHarness(harness);
      const passed: string[] = [];
      const skipped: { name: string; reason: string }[] = [];
      for (const ruleCase of cases) {
        const reason = ruleCase.skipReason?.(harness);
        if (reason !== undefined) {
          skipped.push({ name: ruleCase.name, reason });
          continue;
        }
        await ruleCase.check(harness);
        passed.push(ruleCase.name);
      }
      return { ruleId: definition.id, passed, skipped };
    },
  };
}
