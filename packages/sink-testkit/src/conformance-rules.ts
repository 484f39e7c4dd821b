import type { ConformanceRule, ConformanceRuleId } from './conformance-rule';
import { sink1OneOutcomePerRecord } from './rules/sink-1-one-outcome-per-record';
import { sink2DeliveredMeansStored } from './rules/sink-2-delivered-means-stored';
import { sink3IdempotentResend } from './rules/sink-3-idempotent-resend';
import { sink4NoRequestForEmptyBatch } from './rules/sink-4-no-request-for-empty-batch';
import { sink5TimeoutOnEveryCall } from './rules/sink-5-timeout-on-every-call';
import { sink6HonoursAbortSignal } from './rules/sink-6-honours-abort-signal';
import { sink7CredentialFailuresThrow } from './rules/sink-7-credential-failures-throw';
import { sink8TransientFailuresAreRetryable } from './rules/sink-8-transient-failures-are-retryable';
import { sink9BoundedRequestBodies } from './rules/sink-9-bounded-request-bodies';
import { sink10CredentialsNeverLeak } from './rules/sink-10-credentials-never-leak';
import { sink11NoInternalRetries } from './rules/sink-11-no-internal-retries';
import { sink12MessageTextUnchanged } from './rules/sink-12-message-text-unchanged';
import { sink13HealthCheckWritesNothing } from './rules/sink-13-health-check-writes-nothing';
import { sink14SendSequenceKeepsSendContract } from './rules/sink-14-send-sequence-keeps-send-contract';

/**
 * Every rule of `docs/sink-spec.md`, by id, in id order. `describeSinkConformance` wraps them in
 * tests; call a rule's `check` directly to assert that a sink breaks it.
 *
 * @example
 * ```ts
 * await expect(conformanceRules['SINK-4'].check(brokenHarness)).rejects.toMatchObject({
 *   name: 'ConformanceViolationError',
 *   ruleId: 'SINK-4',
 * });
 * ```
 */
export const conformanceRules: Readonly<Record<ConformanceRuleId, ConformanceRule>> = Object.freeze(
  {
    'SINK-1': sink1OneOutcomePerRecord,
    'SINK-2': sink2DeliveredMeansStored,
    'SINK-3': sink3IdempotentResend,
    'SINK-4': sink4NoRequestForEmptyBatch,
    'SINK-5': sink5TimeoutOnEveryCall,
    'SINK-6': sink6HonoursAbortSignal,
    'SINK-7': sink7CredentialFailuresThrow,
    'SINK-8': sink8TransientFailuresAreRetryable,
    'SINK-9': sink9BoundedRequestBodies,
    'SINK-10': sink10CredentialsNeverLeak,
    'SINK-11': sink11NoInternalRetries,
    'SINK-12': sink12MessageTextUnchanged,
    'SINK-13': sink13HealthCheckWritesNothing,
    'SINK-14': sink14SendSequenceKeepsSendContract,
  },
);
