import type { ConformanceRuleId } from '../conformance-rule';
import { SinkTestkitError } from '../errors';
import type { SinkConformanceHarness } from '../sink-conformance-harness';

/**
 * Returns a harness capability a rule needs, or fails with instructions: implement it, or declare
 * the rule skipped with the reason the destination cannot offer it. A missing capability never
 * lets a rule pass silently.
 *
 * @example
 * ```ts
 * const failRecords = requireCapability(harness, 'SINK-2', 'failRecords', 'startFakeElasticsearch().failItems() does this');
 * ```
 */
export function requireCapability<
  Name extends 'failRecords' | 'maxRequestBytes' | 'largestRequestBytes' | 'storedMessages',
>(
  harness: SinkConformanceHarness,
  ruleId: ConformanceRuleId,
  name: Name,
  hint: string,
): NonNullable<SinkConformanceHarness[Name]> {
  const value = harness[name];
  if (value === undefined) {
    throw new SinkTestkitError(
      `${ruleId} needs the harness capability ${name} (${hint}). Add it to the harness, or declare { skip: { '${ruleId}': '<why the destination cannot offer it>' } }; received a harness without ${name}`,
      { code: 'invalid-harness' },
    );
  }
  return (typeof value === 'function' ? value.bind(harness) : value) as NonNullable<
    SinkConformanceHarness[Name]
  >;
}
