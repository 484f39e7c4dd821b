import type { DeliveryJobResult } from './deliver-to-sinks';
import { createSinkTally, type ReplayTally } from './replay-tally';

/**
 * Adds the per-sink counts of a {@link deliverToSinks} call to the tally.
 *
 * @example
 * ```ts
 * tallyDelivery(tally, await deliverToSinks(jobs, policy, stop));
 * ```
 */
export function tallyDelivery(tally: ReplayTally, results: readonly DeliveryJobResult[]): void {
  for (const result of results) {
    const sink = tally.sinks[result.sink.name] ?? createSinkTally();
    tally.sinks[result.sink.name] = sink;
    for (const outcome of result.outcomes) {
      if (outcome.status === 'delivered') sink.delivered += 1;
      else if (outcome.status === 'rejected') sink.rejected += 1;
      else sink.unsettled += 1;
    }
    sink.retried += result.retried;
    sink.attempts += result.attempts;
    sink.requests += result.requests;
    sink.bytesSent += result.bytesSent;
  }
}
