/**
 * Per-sink counts of a replay. Counts are events (records), per sink.
 *
 * @example
 * ```ts
 * const tally: SinkTally = { delivered: 10, rejected: 0, unsettled: 0, retried: 2, attempts: 3, requests: 3, bytesSent: 4096 };
 * ```
 */
export interface SinkTally {
  delivered: number;
  rejected: number;
  unsettled: number;
  /** Record re-sends. */
  retried: number;
  /** `send` calls. */
  attempts: number;
  requests: number;
  bytesSent: number;
}

/**
 * Something the summary lists: a malformed line, an unreadable object, a record that could not be
 * delivered or stored, an entry that failed again.
 *
 * @example
 * ```ts
 * const problem: ReplayProblem = { kind: 'malformed-line', key: 'archive/…', lineNumber: 3, reason: 'not JSON' };
 * ```
 */
export interface ReplayProblem {
  readonly kind:
    | 'malformed-line'
    | 'unreadable-object'
    | 'rejected'
    | 'unsettled'
    | 'failed-again'
    | 'still-undecodable'
    | 'dead-letter-write-failed'
    | 'delete-failed';
  /** The object the problem is in. */
  readonly key: string;
  /** The 1-based line, for malformed lines. */
  readonly lineNumber?: number;
  /** The CloudWatch event id, for record problems. */
  readonly eventId?: string;
  /** The destination, for record problems. */
  readonly sink?: string;
  readonly reason: string;
}

/**
 * The running counts of a replay, updated in place as objects are processed; the progress line
 * and the final summary read it.
 *
 * @example
 * ```ts
 * const tally = createReplayTally();
 * tally.objects.listed += 1;
 * ```
 */
export interface ReplayTally {
  readonly objects: {
    /** Objects the listing returned (after the key-level time filter). */
    listed: number;
    /** Objects whose events are all settled; recorded in the checkpoint. */
    completed: number;
    /** Skipped: completed by an earlier run (checkpoint). */
    skippedCompleted: number;
    /** Skipped: their `dt=`/`hour=` partition is outside `--since`/`--until`. */
    skippedOutOfRange: number;
    /** Skipped (dead letters): written by this run, holding entries that just failed again. */
    skippedRewritten: number;
    /** Left for a later run: something in them is still unsettled. */
    incomplete: number;
    /** Gone between listing and reading (another drain removed them). */
    vanished: number;
    /** Not gzip NDJSON. */
    unreadable: number;
    /** Dead-letter objects deleted because every entry was delivered. */
    deleted: number;
    /** Dead-letter objects replaced by one holding only the entries that remain. */
    rewritten: number;
  };
  /** Object bytes (as stored) read. */
  bytes: number;
  readonly events: {
    /** Well-formed archive lines, or events of re-decoded dead letters. */
    read: number;
    /** Outside `--log-group`/`--since`/`--until`. */
    filteredOut: number;
    /** Delivered to every destination. */
    delivered: number;
    /** Rejected by a destination and written to the dead-letter store. */
    deadLettered: number;
    /** Rejected by a destination and not stored anywhere (no dead-letter store configured). */
    rejected: number;
    /** Still retryable when the attempts ran out, or the run was interrupted. */
    unsettled: number;
  };
  readonly entries: {
    /** Dead-letter entries read. */
    read: number;
    /** Delivered now, and removed from the store. */
    removed: number;
    /** Tried again and failed again: kept, with the new reason and time. */
    failedAgain: number;
    /** Not tried: outside the filters, or for a sink that is not a destination of this run. */
    untouched: number;
    /** Undecodable entries that decode now. */
    redecoded: number;
    /** Undecodable entries that still do not decode (kept, with the new reason). */
    stillUndecodable: number;
    /** Untouched entries rejected by a sink that is not a destination of this run, by sink name. */
    readonly forOtherSinks: Record<string, number>;
  };
  malformedLines: number;
  readonly sinks: Record<string, SinkTally>;
  readonly problems: ReplayProblem[];
  /** Problems counted but not kept (the list keeps the first 100). */
  problemsOmitted: number;
  /** Objects and bytes to go, once a counting listing finished (for the ETA). */
  totals: { objects: number; bytes: number } | undefined;
}

/**
 * A {@link SinkTally} with every count at zero.
 *
 * @example
 * ```ts
 * const sink = tally.sinks[name] ?? createSinkTally();
 * ```
 */
export function createSinkTally(): SinkTally {
  return {
    delivered: 0,
    rejected: 0,
    unsettled: 0,
    retried: 0,
    attempts: 0,
    requests: 0,
    bytesSent: 0,
  };
}

/**
 * Creates an empty {@link ReplayTally}.
 *
 * @example
 * ```ts
 * const tally = createReplayTally(['elasticsearch']);
 * ```
 */
export function createReplayTally(sinkNames: readonly string[] = []): ReplayTally {
  return {
    objects: {
      listed: 0,
      completed: 0,
      skippedCompleted: 0,
      skippedOutOfRange: 0,
      skippedRewritten: 0,
      incomplete: 0,
      vanished: 0,
      unreadable: 0,
      deleted: 0,
      rewritten: 0,
    },
    bytes: 0,
    events: { read: 0, filteredOut: 0, delivered: 0, deadLettered: 0, rejected: 0, unsettled: 0 },
    entries: {
      read: 0,
      removed: 0,
      failedAgain: 0,
      untouched: 0,
      redecoded: 0,
      stillUndecodable: 0,
      forOtherSinks: {},
    },
    malformedLines: 0,
    sinks: Object.fromEntries(sinkNames.map((name) => [name, createSinkTally()])),
    problems: [],
    problemsOmitted: 0,
    totals: undefined,
  };
}
