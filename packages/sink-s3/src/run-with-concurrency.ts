/**
 * Runs async tasks with at most `limit` in flight, starting them in order. Resolves when every
 * started task has settled; a task's rejection rejects the whole run (an `AggregateError` for several)
 * only after the others have settled, so nothing is left running behind the caller's back.
 *
 * @example
 * ```ts
 * await runWithConcurrency(groups.map((group) => () => upload(group)), 4);
 * ```
 */
export async function runWithConcurrency(
  tasks: readonly (() => Promise<void>)[],
  limit: number,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  async function work(): Promise<void> {
    while (next < tasks.length) {
      const task = tasks[next]!;
      next += 1;
      try {
        await task();
      } catch (error) {
        failures.push(error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, work));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} tasks failed`);
}
