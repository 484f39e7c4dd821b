import type { ReplaySummary } from './create-replay-summary';
import { formatByteCount } from './format-byte-count';
import { formatDuration } from './format-duration';

const count = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, one: string, many: string) =>
  `${count(value)} ${value === 1 ? one : many}`;

/**
 * Formats a {@link ReplaySummary} as the text `logferry replay` prints on standard output: what
 * was replayed where, the counts, per-destination figures, and the problems (the first 100).
 *
 * @example
 * ```ts
 * io.stdout.write(formatReplaySummary(summary));
 * // logferry replay: archive s3://logs/archive → elasticsearch: complete in 2.1 s
 * //   objects   12 listed: 12 done
 * //   …
 * ```
 */
export function formatReplaySummary(summary: ReplaySummary): string {
  const lines: string[] = [];
  const { objects, events } = summary;
  const outcome =
    summary.outcome === 'complete'
      ? 'complete'
      : summary.outcome === 'interrupted'
        ? 'interrupted'
        : `failed (${summary.error?.code ?? 'error'})`;
  const destinations =
    summary.destinations.length === 0 ? 'no destination' : summary.destinations.join(', ');
  lines.push(
    `logferry replay: ${summary.mode === 'archive' ? 'archive' : 'dead letters'} ${summary.source} → ${destinations}${summary.dryRun ? ' (dry run)' : ''}: ${outcome} in ${formatDuration(summary.durationMs)}`,
  );
  if (summary.error !== undefined) lines.push(`  error     ${summary.error.message}`);

  const skipped = [
    objects.skippedCompleted > 0 ? `${count(objects.skippedCompleted)} skipped (checkpoint)` : '',
    objects.skippedOutOfRange > 0
      ? `${count(objects.skippedOutOfRange)} skipped (outside --since/--until)`
      : '',
    objects.skippedRewritten > 0
      ? `${count(objects.skippedRewritten)} skipped (written by this run)`
      : '',
  ].filter(Boolean);
  const done = [
    `${count(objects.completed)} done`,
    objects.incomplete > 0 ? `${count(objects.incomplete)} left for a later run` : '',
    objects.vanished > 0 ? `${count(objects.vanished)} gone before they were read` : '',
    objects.unreadable > 0 ? `${count(objects.unreadable)} unreadable` : '',
    objects.deleted > 0 ? `${count(objects.deleted)} deleted (drained)` : '',
    objects.rewritten > 0 ? `${count(objects.rewritten)} rewritten (entries left)` : '',
  ].filter(Boolean);
  lines.push(
    `  objects   ${count(objects.listed)} listed under ${plural(summary.prefixes.length, 'prefix', 'prefixes')}${skipped.length > 0 ? ` (${skipped.join(', ')})` : ''}: ${done.join(', ')}; ${formatByteCount(summary.bytes)} read`,
  );

  if (summary.entries !== undefined) {
    const entries = summary.entries;
    const others = Object.entries(entries.forOtherSinks)
      .map(([sink, entryCount]) => `${count(entryCount)} for sink "${sink}"`)
      .join(', ');
    lines.push(
      `  entries   ${count(entries.read)} read: ${count(entries.removed)} delivered and removed, ${count(entries.failedAgain)} failed again (kept, new reason), ${count(entries.untouched)} untouched${others === '' ? '' : ` (${others}: not a destination of this run)`}`,
    );
    if (entries.redecoded + entries.stillUndecodable > 0) {
      lines.push(
        `  decoding  ${count(entries.redecoded)} undecodable records decode now, ${count(entries.stillUndecodable)} still do not (kept, new reason)`,
      );
    }
  }
  if (summary.dryRun) {
    if (summary.mode === 'archive') {
      lines.push(
        `  events    ${count(events.read)} read: ${count(events.read - events.filteredOut)} would be replayed, ${count(events.filteredOut)} filtered out`,
      );
    }
  } else {
    if (summary.mode === 'archive' || events.read > 0) {
      const parts = [
        `${count(events.delivered)} delivered`,
        ...(summary.mode === 'archive'
          ? [
              `${count(events.deadLettered)} dead-lettered`,
              `${count(events.rejected)} rejected and not stored`,
              `${count(events.unsettled)} unsettled`,
            ]
          : []),
        ...(events.filteredOut > 0 ? [`${count(events.filteredOut)} filtered out`] : []),
      ];
      lines.push(`  events    ${count(events.read)} read: ${parts.join(', ')}`);
    }
  }
  if (summary.malformedLines > 0) {
    lines.push(`  malformed ${plural(summary.malformedLines, 'line', 'lines')} (listed below)`);
  }
  if (!summary.dryRun) {
    for (const [name, sink] of Object.entries(summary.sinks)) {
      lines.push(
        `  ${name}: ${count(sink.delivered)} delivered, ${count(sink.rejected)} rejected, ${count(sink.unsettled)} unsettled, ${count(sink.retried)} retried, ${plural(sink.requests, 'request', 'requests')}, ${formatByteCount(sink.bytesSent)} sent`,
      );
    }
  }
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  if (summary.dryRun) lines.push('  dry run: nothing was sent, written or deleted');
  if (summary.outcome === 'interrupted') {
    lines.push('  interrupted: run the same command again (with the same --checkpoint) to resume');
  }

  if (summary.problems.length > 0) {
    lines.push(
      `problems (${count(summary.problems.length + summary.problemsOmitted)}${summary.problemsOmitted > 0 ? `, the first ${summary.problems.length} shown` : ''}):`,
    );
    for (const problem of summary.problems) {
      const where = `${problem.key}${problem.lineNumber === undefined ? '' : `:${problem.lineNumber}`}`;
      const what = [
        problem.eventId === undefined ? '' : `event ${problem.eventId}`,
        problem.sink === undefined ? '' : `in ${problem.sink}`,
      ]
        .filter(Boolean)
        .join(' ');
      lines.push(`  ${problem.kind} ${where}${what === '' ? '' : ` ${what}`}: ${problem.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
