import { SinkError } from '@logferry/sink';
import { compileKeyTemplate } from './compile-key-template';
import { createS3Client } from './create-s3-client';
import { decodeKeySegment } from './decode-key-segment';
import {
  archiveKeyPlaceholders,
  defaultArchiveKeyTemplate,
  requiredArchiveKeyPlaceholders,
} from './default-archive-key-template';
import { listS3Page } from './list-s3-page';
import { normalizeKeyPrefix } from './normalize-key-prefix';
import { readLayoutOption } from './read-layout-option';
import type { S3ClientOptions } from './s3-client-options';

/**
 * Options of {@link listArchiveLogGroups}: the bucket connection and the archive's layout.
 *
 * @example
 * ```ts
 * const options: ListArchiveLogGroupsOptions = { bucket: 'acme-log-archive', prefix: 'archive' };
 * ```
 */
export interface ListArchiveLogGroupsOptions extends S3ClientOptions {
  /**
   * The archive's key prefix, as given to `createS3Sink`.
   * @default 'archive'
   */
  readonly prefix?: string;
  /**
   * The archive's key template, as given to `createS3Sink`. `{logGroup}` must be the first
   * placeholder after `{prefix}` and end its path segment.
   * @default defaultArchiveKeyTemplate
   */
  readonly keyTemplate?: string;
  /**
   * Aborts the listing.
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/**
 * One log group partition of the archive.
 *
 * @example
 * ```ts
 * const group: ArchiveLogGroup = { logGroup: '/aws/lambda/checkout-api', keyPrefix: 'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/' };
 * ```
 */
export interface ArchiveLogGroup {
  /**
   * The log group name, or `undefined` when its key segment was cut to the length limit and
   * cannot be decoded (list `keyPrefix` and read the name from the lines).
   */
  readonly logGroup: string | undefined;
  /** The key prefix of every object of this log group. */
  readonly keyPrefix: string;
}

/**
 * Lists the log groups the archive holds, with one delimited ListObjectsV2 listing (a request per
 * 1000 log groups, however many objects there are). Pass the names to `archivePartitionPrefixes`
 * to list one time range across every log group without listing everything.
 *
 * @throws {SinkError} `invalid-options` for a bad layout, or the classified S3 failure.
 * @example
 * ```ts
 * const groups = await listArchiveLogGroups({ bucket: 'acme-log-archive' });
 * const prefixes = archivePartitionPrefixes({
 *   logGroup: groups.flatMap((group) => (group.logGroup === undefined ? [] : [group.logGroup])),
 *   since: Date.now() - 3_600_000,
 * });
 * ```
 */
export async function listArchiveLogGroups(
  options: ListArchiveLogGroupsOptions,
): Promise<ArchiveLogGroup[]> {
  const client = createS3Client(options, 's3');
  const prefix = readLayoutOption('s3', () =>
    normalizeKeyPrefix(options.prefix ?? 'archive', 'prefix'),
  );
  const template = readLayoutOption('s3', () =>
    compileKeyTemplate(options.keyTemplate ?? defaultArchiveKeyTemplate, {
      optionName: 'keyTemplate',
      placeholders: archiveKeyPlaceholders,
      required: requiredArchiveKeyPlaceholders,
    }),
  );
  const logGroupAt = template.parts.findIndex(
    (part) => part.kind === 'placeholder' && part.name === 'logGroup',
  );
  const after = template.parts[logGroupAt + 1];
  if (
    logGroupAt === -1 ||
    template.parts
      .slice(0, logGroupAt)
      .some((part) => part.kind === 'placeholder' && part.name !== 'prefix') ||
    !(after?.kind === 'literal' && after.text.startsWith('/'))
  ) {
    throw new SinkError(
      `listArchiveLogGroups needs a key template whose first placeholder after {prefix} is {logGroup}, ending its path segment; received ${JSON.stringify(template.source)}.`,
      { code: 'invalid-options', retryable: false, sink: 's3' },
    );
  }
  const listingPrefix = template.renderPrefix({ prefix });
  const groups: ArchiveLogGroup[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await listS3Page(
      client,
      { prefix: listingPrefix, delimiter: '/', maxKeys: 1000, continuationToken },
      options.signal,
    );
    for (const keyPrefix of page.commonPrefixes) {
      groups.push({
        logGroup: decodeKeySegment(keyPrefix.slice(listingPrefix.length, -1)),
        keyPrefix,
      });
    }
    continuationToken = page.nextContinuationToken;
  } while (continuationToken !== undefined);
  return groups;
}
