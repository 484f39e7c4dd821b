/**
 * Machine-readable reasons a testkit call can fail.
 *
 * | code | meaning |
 * | --- | --- |
 * | `invalid-options` | a kit function was called with a bad option (count, seed, URL, …) |
 * | `invalid-fault` | a fault script entry is malformed (unknown kind, bad status, bad `times`) |
 * | `invalid-harness` | a conformance harness does not meet the contract (missing capability, bad `timeoutMs`) |
 * | `server-error` | a fake server or proxy could not start, or failed while closing |
 * | `conformance-violation` | the sink under test broke a rule of `docs/sink-spec.md` |
 *
 * @example
 * ```ts
 * const code: SinkTestkitErrorCode = 'invalid-fault';
 * ```
 */
export type SinkTestkitErrorCode =
  | 'invalid-options'
  | 'invalid-fault'
  | 'invalid-harness'
  | 'server-error'
  | 'conformance-violation';

/**
 * Options of a {@link SinkTestkitError}.
 *
 * @example
 * ```ts
 * const options: SinkTestkitErrorOptions = { code: 'invalid-options', cause: new RangeError('bad') };
 * ```
 */
export interface SinkTestkitErrorOptions {
  readonly code: SinkTestkitErrorCode;
  /** The underlying error, when there was one. */
  readonly cause?: unknown;
}

/**
 * The base class of every error the testkit throws. Messages say what was wrong, the rule, and
 * what was received (truncated), and never contain the harness's secrets.
 *
 * @example
 * ```ts
 * try {
 *   createTestRecords(-1);
 * } catch (error) {
 *   if (error instanceof SinkTestkitError && error.code === 'invalid-options') console.error(error.message);
 * }
 * ```
 */
export class SinkTestkitError extends Error {
  override readonly name: string = 'SinkTestkitError';
  readonly code: SinkTestkitErrorCode;

  constructor(message: string, options: SinkTestkitErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
  }
}

/**
 * A sink broke a conformance rule. `ruleId` names the rule in `docs/sink-spec.md`.
 *
 * @example
 * ```ts
 * await expect(conformanceRules['SINK-4'].check(harness)).rejects.toMatchObject({ ruleId: 'SINK-4' });
 * ```
 */
export class ConformanceViolationError extends SinkTestkitError {
  override readonly name: string = 'ConformanceViolationError';
  /** The id of the broken rule, e.g. `SINK-2`. */
  readonly ruleId: string;

  constructor(ruleId: string, message: string, options: { readonly cause?: unknown } = {}) {
    super(`${ruleId} violated: ${message}`, {
      code: 'conformance-violation',
      cause: options.cause,
    });
    this.ruleId = ruleId;
  }
}
