import type { ReplayProblem, ReplayTally } from './replay-tally';

const maxProblems = 100;

/**
 * Adds a problem to the tally's list, keeping the first 100 (memory stays bounded however many
 * records fail; the counts stay exact).
 *
 * @example
 * ```ts
 * recordProblem(tally, { kind: 'rejected', key, eventId: record.id, sink: 'elasticsearch', reason });
 * ```
 */
export function recordProblem(tally: ReplayTally, problem: ReplayProblem): void {
  if (tally.problems.length < maxProblems) tally.problems.push(problem);
  else tally.problemsOmitted += 1;
}
