import { isSinkError } from '@logferry/sink';
import {
  archivePartitionPrefixes,
  deadLetterPartitionPrefixes,
  listArchiveLogGroups,
  type S3ClientOptions,
} from '@logferry/sink-s3';
import { ReplayError } from './errors';
import type { S3Location } from './parse-s3-url';
import type { ReplayFilters } from './replay-filters';
import type { ReplayMode } from './replay-mode';
import type { RetryPolicy } from './retry-policy';
import { retryS3Call } from './retry-s3-call';

/**
 * Options of {@link planListingPrefixes}.
 *
 * @example
 * ```ts
 * const options: PlanListingPrefixesOptions = { mode: 'archive', source, filters: {}, connection, policy };
 * ```
 */
export interface PlanListingPrefixesOptions {
  readonly mode: ReplayMode;
  readonly source: S3Location;
  readonly filters: ReplayFilters;
  /** Where the source bucket is (bucket included). */
  readonly connection: S3ClientOptions;
  readonly policy: RetryPolicy;
  /**
   * Stops retrying the log-group listing.
   * @default never
   */
  readonly stop?: AbortSignal;
}

/**
 * The key prefixes a replay lists, and why.
 *
 * @example
 * ```ts
 * const plan: ListingPlan = { prefixes: ['archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-06-01/'], root: 'archive', notes: [] };
 * ```
 */
export interface ListingPlan {
  /** Disjoint key prefixes, listed one after the other. */
  readonly prefixes: readonly string[];
  /**
   * The layout's root prefix (the `prefix` the archive sink or dead-letter store was given), or
   * `undefined` when `--from` already points inside a partition.
   */
  readonly root: string | undefined;
  /** Things the user should know about the listing (shown in the summary). */
  readonly notes: readonly string[];
}

/**
 * Works out which key prefixes to list, so that only the partitions the filters select are ever
 * listed. `--from` names either a layout root (`s3://bucket/archive`, `s3://bucket/dead-letter`:
 * no path segment containing `=`) — then the filters pick partitions with sink-s3's
 * `archivePartitionPrefixes` / `deadLetterPartitionPrefixes` — or a place inside one
 * (`s3://bucket/archive/log_group=%2Fx/dt=2024-06-01/`), which is listed as given.
 *
 * The archive's keys start with the log group, so a time filter without `--log-group` first asks
 * S3 for the archived log groups (one delimited listing). A store that answers that listing with
 * nothing (some S3-compatible stores cannot list nested common prefixes) is listed whole under
 * `log_group=`, and objects outside the time range are skipped by their key, unread.
 *
 * @throws {ReplayError} `source-failed` when the log groups cannot be listed.
 * @example
 * ```ts
 * const { prefixes } = await planListingPrefixes({ mode: 'archive', source: { bucket, prefix: 'archive' }, filters: { logGroups: ['/aws/lambda/x'] }, connection, policy });
 * // ['archive/log_group=%2Faws%2Flambda%2Fx/']
 * ```
 */
export async function planListingPrefixes(
  options: PlanListingPrefixesOptions,
): Promise<ListingPlan> {
  const { mode, source, filters } = options;
  const segments = source.prefix.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.includes('='))) {
    return { prefixes: [source.prefix], root: undefined, notes: [] };
  }
  const root = segments.join('/');
  // sink-s3 narrows by time only with a lower bound; an upper bound alone is applied per key.
  const timeRange =
    filters.since === undefined ? {} : { since: filters.since, until: filters.until };

  if (mode === 'dead-letters') {
    return {
      prefixes: deadLetterPartitionPrefixes({ prefix: root, ...timeRange }),
      root,
      notes: [],
    };
  }
  if (filters.logGroups !== undefined || filters.since === undefined) {
    return {
      prefixes: archivePartitionPrefixes({
        prefix: root,
        logGroup: filters.logGroups,
        ...timeRange,
      }),
      root,
      notes: [],
    };
  }

  const stop = options.stop ?? new AbortController().signal;
  let groups: Awaited<ReturnType<typeof listArchiveLogGroups>>;
  try {
    groups = await retryS3Call(
      () => listArchiveLogGroups({ ...options.connection, prefix: root }),
      options.policy,
      options.policy.maxAttempts,
      stop,
    );
  } catch (error) {
    if (!isSinkError(error)) throw error;
    throw new ReplayError(
      `Cannot list the log groups under s3://${source.bucket}/${root}: ${error.message}`,
      { code: 'source-failed', retryable: error.retryable, cause: error },
    );
  }
  if (groups.length === 0) {
    return {
      prefixes: archivePartitionPrefixes({ prefix: root }),
      root,
      notes: [
        `S3 listed no log groups under s3://${source.bucket}/${root === '' ? '' : `${root}/`}log_group=, so every log group is listed and objects outside the time range are skipped by their key; pass --log-group to list fewer partitions`,
      ],
    };
  }
  const names = groups.flatMap((group) => (group.logGroup === undefined ? [] : [group.logGroup]));
  // A cut (hashed) segment cannot be turned back into a name: list that log group whole.
  const cut = groups.flatMap((group) => (group.logGroup === undefined ? [group.keyPrefix] : []));
  return {
    prefixes: [
      ...(names.length === 0
        ? []
        : archivePartitionPrefixes({ prefix: root, logGroup: names, ...timeRange })),
      ...cut,
    ],
    root,
    notes: [],
  };
}
