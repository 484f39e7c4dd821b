import type { ReplayMode } from './replay-mode';
import type { ReplayProblem, ReplayTally, SinkTally } from './replay-tally';
import type { ReplayResult } from './run-replay';

/**
 * The final report of `logferry replay`: printed as text, or as this JSON object with `--json`.
 *
 * @example
 * ```ts
 * const summary: ReplaySummary = createReplaySummary(result, { source: 's3://logs/archive', mode: 'archive', dryRun: false });
 * ```
 */
export interface ReplaySummary {
  readonly source: string;
  readonly mode: ReplayMode;
  readonly dryRun: boolean;
  readonly destinations: readonly string[];
  /** `complete`, `interrupted` (Ctrl-C: resume with the same `--checkpoint`) or `failed`. */
  readonly outcome: ReplayResult['outcome'];
  /** 0 everything selected is settled; 1 something is not (see `problems`) or the run failed; 130 interrupted. */
  readonly exitCode: number;
  /** Why the run stopped; only when `outcome` is `failed`. */
  readonly error?: { readonly code: string; readonly message: string };
  readonly prefixes: readonly string[];
  readonly notes: readonly string[];
  readonly objects: ReplayTally['objects'];
  /** Objects and bytes the counting listing found (progress runs only). */
  readonly totals?: { readonly objects: number; readonly bytes: number };
  readonly bytes: number;
  readonly events: ReplayTally['events'];
  /** Dead-letter mode only. */
  readonly entries?: ReplayTally['entries'];
  readonly malformedLines: number;
  readonly sinks: Readonly<Record<string, SinkTally>>;
  readonly problems: readonly ReplayProblem[];
  readonly problemsOmitted: number;
  readonly durationMs: number;
}

/**
 * Builds the {@link ReplaySummary} of a run and decides its exit status: 130 when interrupted;
 * 1 when the run failed, or when anything selected could not be replayed — a rejected record not
 * stored anywhere, a record still unsettled, a malformed line, an unreadable object, a dead letter
 * that failed again or still does not decode; 0 otherwise.
 *
 * @example
 * ```ts
 * const summary = createReplaySummary(result, { source, mode, dryRun, destinations: ['elasticsearch'] });
 * process.exitCode = summary.exitCode;
 * ```
 */
export function createReplaySummary(
  result: ReplayResult,
  run: {
    readonly source: string;
    readonly mode: ReplayMode;
    readonly dryRun: boolean;
    readonly destinations: readonly string[];
    /**
     * Remarks about the destinations, shown after the listing's own notes.
     * @default []
     */
    readonly notes?: readonly string[];
  },
): ReplaySummary {
  const { tally } = result;
  const unreplayed =
    tally.events.rejected +
    tally.events.unsettled +
    tally.malformedLines +
    tally.objects.unreadable +
    tally.objects.incomplete +
    tally.entries.failedAgain +
    tally.entries.stillUndecodable;
  const exitCode =
    result.outcome === 'interrupted' ? 130 : result.outcome === 'failed' || unreplayed > 0 ? 1 : 0;
  return {
    source: run.source,
    mode: run.mode,
    dryRun: run.dryRun,
    destinations: run.destinations,
    outcome: result.outcome,
    exitCode,
    ...(result.error === undefined
      ? {}
      : { error: { code: result.error.code, message: result.error.message } }),
    prefixes: result.prefixes,
    notes: [...result.notes, ...(run.notes ?? [])],
    objects: tally.objects,
    ...(tally.totals === undefined ? {} : { totals: tally.totals }),
    bytes: tally.bytes,
    events: tally.events,
    ...(run.mode === 'dead-letters' ? { entries: tally.entries } : {}),
    malformedLines: tally.malformedLines,
    sinks: tally.sinks,
    problems: tally.problems,
    problemsOmitted: tally.problemsOmitted,
    durationMs: result.durationMs,
  };
}
