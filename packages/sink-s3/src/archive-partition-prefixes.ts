import { collapseKeyPrefixes } from './collapse-key-prefixes';
import { compileKeyTemplate } from './compile-key-template';
import {
  archiveKeyPlaceholders,
  defaultArchiveKeyTemplate,
  requiredArchiveKeyPlaceholders,
} from './default-archive-key-template';
import { describeReceived } from './describe-received';
import { encodeKeySegment } from './encode-key-segment';
import { S3ArchiveError } from './errors';
import { listTimePartitions, type TimePartition } from './list-time-partitions';
import { normalizeKeyPrefix } from './normalize-key-prefix';
import { readTimeFilter } from './read-time-filter';

/**
 * Options of {@link archivePartitionPrefixes}: the archive's layout (as given to `createS3Sink`)
 * and the filter.
 *
 * @example
 * ```ts
 * const options: ArchivePartitionPrefixesOptions = { logGroup: '/aws/lambda/checkout-api', since: new Date('2024-06-01T00:00:00Z'), until: new Date('2024-06-01T05:59:59Z') };
 * ```
 */
export interface ArchivePartitionPrefixesOptions {
  /**
   * The archive's key prefix, as given to `createS3Sink`.
   * @default 'archive'
   */
  readonly prefix?: string;
  /**
   * The archive's key template, as given to `createS3Sink`.
   * @default defaultArchiveKeyTemplate
   */
  readonly keyTemplate?: string;
  /**
   * Only these log groups (names as CloudWatch Logs spells them). An empty array selects nothing.
   * @default every log group
   */
  readonly logGroup?: string | readonly string[];
  /**
   * Only events at or after this time (by the hour it falls in; partitions are hourly).
   * @default no lower bound (and then no time narrowing at all)
   */
  readonly since?: Date | number;
  /**
   * Only events at or before this time (by the hour it falls in). Used only together with `since`.
   * @default now, when `since` is given
   */
  readonly until?: Date | number;
}

/**
 * Computes the key prefixes to list so that exactly the partitions a filter selects are read:
 * one prefix per selected log group and hour, collapsed to whole days, months and years where the
 * range covers them (`…/dt=2024-06-` lists all of June). Pass each to `listS3Objects`, then filter
 * the events read back by their exact `timestamp` (partitions are hourly).
 *
 * With the default template the log group comes first, so without `logGroup` the time range cannot
 * narrow the listing: the result is then the single prefix up to `log_group=`. To list a time range
 * across all log groups cheaply, get their names with `listArchiveLogGroups` first and pass them
 * as `logGroup`.
 *
 * @throws {S3ArchiveError} `invalid-options` for a bad prefix, template or filter.
 * @example
 * ```ts
 * archivePartitionPrefixes({
 *   logGroup: '/aws/lambda/checkout-api',
 *   since: new Date('2024-06-01T22:00:00Z'),
 *   until: new Date('2024-06-02T23:59:59Z'),
 * });
 * // → ['archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/hour=22/',
 * //    'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/hour=23/',
 * //    'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-02/hour=']
 * ```
 */
export function archivePartitionPrefixes(options: ArchivePartitionPrefixesOptions = {}): string[] {
  if (typeof options !== 'object' || options === null) {
    throw new S3ArchiveError(
      `archivePartitionPrefixes options must be an object; received ${describeReceived(options)}.`,
      { code: 'invalid-options' },
    );
  }
  const prefix = normalizeKeyPrefix(options.prefix ?? 'archive', 'prefix');
  const template = compileKeyTemplate(options.keyTemplate ?? defaultArchiveKeyTemplate, {
    optionName: 'keyTemplate',
    placeholders: archiveKeyPlaceholders,
    required: requiredArchiveKeyPlaceholders,
  });
  const logGroups = readLogGroups(options.logGroup);
  const since = readTimeFilter('since', options.since);
  const until = readTimeFilter('until', options.until);
  const timePartitions: readonly (TimePartition | undefined)[] =
    since === undefined ? [undefined] : listTimePartitions(since, until ?? Date.now());

  const prefixes: string[] = [];
  for (const logGroup of logGroups) {
    for (const time of timePartitions) {
      prefixes.push(
        template.renderPrefix({
          prefix,
          logGroup: logGroup === undefined ? undefined : encodeKeySegment(logGroup),
          yyyy: time?.yyyy,
          MM: time?.MM,
          dd: time?.dd,
          HH: time?.HH,
        }),
      );
    }
  }
  return collapseKeyPrefixes(prefixes);
}

function readLogGroups(value: unknown): readonly (string | undefined)[] {
  if (value === undefined) return [undefined];
  const names = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
    throw new S3ArchiveError(
      `The "logGroup" filter must be a log group name or an array of names; received ${describeReceived(value)}.`,
      { code: 'invalid-options' },
    );
  }
  return names as readonly string[];
}
