import type { DeadLetterEntry } from '@logferry/sink';
import { collapseKeyPrefixes } from './collapse-key-prefixes';
import { deadLetterKeyTemplate } from './dead-letter-key-template';
import { describeReceived } from './describe-received';
import { S3ArchiveError } from './errors';
import { listTimePartitions, type TimePartition } from './list-time-partitions';
import { normalizeKeyPrefix } from './normalize-key-prefix';
import { readTimeFilter } from './read-time-filter';

/**
 * Options of {@link deadLetterPartitionPrefixes}.
 *
 * @example
 * ```ts
 * const options: DeadLetterPartitionPrefixesOptions = { kind: 'rejected-record', since: Date.now() - 86_400_000 };
 * ```
 */
export interface DeadLetterPartitionPrefixesOptions {
  /**
   * The dead-letter store's key prefix, as given to `createS3DeadLetterStore`.
   * @default 'dead-letter'
   */
  readonly prefix?: string;
  /**
   * Only entries of this kind.
   * @default both kinds
   */
  readonly kind?: DeadLetterEntry['kind'];
  /**
   * Only entries that failed at or after this time (by the hour it falls in).
   * @default no lower bound (and then no time narrowing)
   */
  readonly since?: Date | number;
  /**
   * Only entries that failed at or before this time (by the hour it falls in). Used only with `since`.
   * @default now, when `since` is given
   */
  readonly until?: Date | number;
}

const kinds: readonly DeadLetterEntry['kind'][] = ['rejected-record', 'undecodable-record'];

/**
 * Computes the key prefixes to list for the dead letters of one kind and/or failure-time range,
 * collapsed to whole days, months and years where the range covers them. Pass each to
 * `listS3Objects` and read the objects with `readDeadLetterObject`.
 *
 * @throws {S3ArchiveError} `invalid-options` for a bad prefix, kind or time filter.
 * @example
 * ```ts
 * deadLetterPartitionPrefixes({ kind: 'undecodable-record', since: new Date('2024-06-01T00:00:00Z'), until: new Date('2024-06-01T23:59:59Z') });
 * // → ['dead-letter/kind=undecodable-record/dt=2024-06-01/hour=']
 * ```
 */
export function deadLetterPartitionPrefixes(
  options: DeadLetterPartitionPrefixesOptions = {},
): string[] {
  if (typeof options !== 'object' || options === null) {
    throw new S3ArchiveError(
      `deadLetterPartitionPrefixes options must be an object; received ${describeReceived(options)}.`,
      { code: 'invalid-options' },
    );
  }
  const prefix = normalizeKeyPrefix(options.prefix ?? 'dead-letter', 'prefix');
  if (options.kind !== undefined && !kinds.includes(options.kind)) {
    throw new S3ArchiveError(
      `The "kind" filter must be 'rejected-record' or 'undecodable-record'; received ${describeReceived(options.kind)}.`,
      { code: 'invalid-options' },
    );
  }
  const since = readTimeFilter('since', options.since);
  const until = readTimeFilter('until', options.until);
  const timePartitions: readonly (TimePartition | undefined)[] =
    since === undefined ? [undefined] : listTimePartitions(since, until ?? Date.now());
  const selectedKinds: readonly (string | undefined)[] =
    options.kind === undefined ? (since === undefined ? [undefined] : kinds) : [options.kind];

  const prefixes: string[] = [];
  for (const kind of selectedKinds) {
    for (const time of timePartitions) {
      prefixes.push(
        deadLetterKeyTemplate.renderPrefix({
          prefix,
          kind,
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
