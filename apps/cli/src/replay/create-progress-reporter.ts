import type { CliOutput } from '../cli-io';
import { formatByteCount } from './format-byte-count';
import { formatDuration } from './format-duration';
import type { ReplayTally } from './replay-tally';

/**
 * The live progress line of a replay on a terminal.
 *
 * @example
 * ```ts
 * const progress = createProgressReporter(process.stderr);
 * await runReplay({ ...options, onProgress: progress.update });
 * progress.finish();
 * ```
 */
export interface ProgressReporter {
  /** Redraws the line from the tally (at most every `intervalMs`). */
  update(tally: ReplayTally): void;
  /** Erases the line, so the summary starts on a clean one. */
  finish(): void;
}

/**
 * Creates a {@link ProgressReporter} that redraws one line on `output` (carriage return, erase
 * line): objects done of the total, events, bytes read, event and byte rates, and the ETA — from
 * the remaining bytes at the rate so far, once the counting listing knows the total.
 *
 * @example
 * ```ts
 * createProgressReporter(process.stderr).update(tally);
 * // objects 12/340 · events 12,345 · 4.2 MiB · 1,234 events/s · 420.0 KiB/s · ETA 3m05s
 * ```
 */
export function createProgressReporter(
  output: CliOutput,
  options: {
    /**
     * Current time in ms.
     * @default Date.now
     */
    readonly now?: () => number;
    /**
     * Shortest time between redraws, in ms.
     * @default 250
     */
    readonly intervalMs?: number;
  } = {},
): ProgressReporter {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 250;
  const startedAt = now();
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(tally) {
      const time = now();
      if (time - lastDrawn < intervalMs) return;
      lastDrawn = time;
      drawn = true;
      output.write(`\r\x1b[2K${describeProgress(tally, time - startedAt)}`);
    },
    finish() {
      if (drawn) output.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

function describeProgress(tally: ReplayTally, elapsedMs: number): string {
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const done = tally.objects.completed + tally.objects.incomplete;
  const total = tally.totals?.objects;
  const events = tally.events.read + tally.entries.read;
  const parts = [
    `objects ${done.toLocaleString('en-US')}/${total === undefined ? `${tally.objects.listed.toLocaleString('en-US')}+` : total.toLocaleString('en-US')}`,
    `events ${events.toLocaleString('en-US')}`,
    formatByteCount(tally.bytes),
    `${Math.round(events / seconds).toLocaleString('en-US')} events/s`,
    `${formatByteCount(Math.round(tally.bytes / seconds))}/s`,
  ];
  if (tally.totals !== undefined && tally.bytes > 0) {
    const remaining = Math.max(tally.totals.bytes - tally.bytes, 0);
    parts.push(`ETA ${formatDuration((remaining / tally.bytes) * elapsedMs)}`);
  } else {
    parts.push('ETA …');
  }
  return parts.join(' · ');
}
