import { describeReceived } from './describe-received';
import { ReplayError } from './errors';

const durationUnits: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a `--since`/`--until` value into epoch milliseconds: an ISO-8601 date or date-time
 * (`2024-06-01`, `2024-06-01T12:00:00Z`, `2024-06-01T14:00:00+02:00`; a date-time without zone is
 * read as UTC, like the archive's partitions), epoch milliseconds (`1717200000000`), or a
 * duration before `now` (`90s`, `30m`, `6h`, `7d`, `2w`) — handy in a schedule.
 *
 * @throws {ReplayError} `invalid-arguments` for anything else.
 * @example
 * ```ts
 * parseTimeArgument('2024-06-01', '--since', Date.now()); // 1717200000000
 * parseTimeArgument('2h', '--since', 1717207200000); // 1717200000000
 * ```
 */
export function parseTimeArgument(value: string, optionName: string, now: number): number {
  const text = value.trim();
  const duration = /^(\d{1,9})([smhdw])$/.exec(text);
  if (duration !== null) {
    return now - Number(duration[1]) * (durationUnits[duration[2] ?? ''] ?? 0);
  }
  if (/^\d{10,16}$/.test(text)) return Number(text);
  const isoMatch =
    /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (isoMatch !== null) {
    // Date-only forms are UTC in JavaScript already; date-times without a zone are local time,
    // which would make a replay depend on the machine's time zone.
    const withZone = text.length > 10 && isoMatch[1] === undefined ? `${text}Z` : text;
    const parsed = Date.parse(withZone);
    if (Number.isFinite(parsed) && isExistingDate(text, parsed, isoMatch[1])) return parsed;
  }
  throw new ReplayError(
    `${optionName} must be an ISO-8601 date or date-time (2024-06-01, 2024-06-01T12:00:00Z), epoch milliseconds, or a duration ago (30m, 6h, 7d); received ${describeReceived(value)}`,
    { code: 'invalid-arguments' },
  );
}

/** Date.parse accepts 2024-02-31 (rolling over to March): refuse dates that do not exist. */
function isExistingDate(text: string, parsed: number, zone: string | undefined): boolean {
  // With an offset the UTC date may differ from the written one; check the written date alone.
  if (zone !== undefined && zone !== 'Z')
    return isExistingDate(text.slice(0, 10), Date.parse(text.slice(0, 10)), undefined);
  return new Date(parsed).toISOString().slice(0, 10) === text.slice(0, 10);
}
