import type { LogferryConfig } from '@logferry/kinesis-lambda/config';
import { isSinkError } from '@logferry/sink';
import {
  isS3ArchiveError,
  listS3Objects,
  readArchiveObject,
  readDeadLetterObject,
  type S3ClientOptions,
} from '@logferry/sink-s3';
import { ReplayError } from './errors';
import type { S3Location } from './parse-s3-url';
import type { ReplayMode } from './replay-mode';

/**
 * Options of {@link detectReplayMode}.
 *
 * @example
 * ```ts
 * const options: DetectReplayModeOptions = { source, config, connection: { ...targets.connection, bucket: source.bucket } };
 * ```
 */
export interface DetectReplayModeOptions {
  readonly source: S3Location;
  /** The settings: the configured archive and dead-letter locations name themselves. */
  readonly config: LogferryConfig;
  /** The source bucket's connection, for the last resort: looking at the first object. */
  readonly connection: S3ClientOptions;
}

/**
 * Tells whether `--from` holds archive or dead-letter objects when neither `--archive` nor
 * `--dead-letters` says so, from the cheapest evidence up:
 *
 * 1. a partition in the prefix (`kind=…` is dead letters, `log_group=…` the archive);
 * 2. the prefix is the configured dead-letter or archive location (`LOGFERRY_DEAD_LETTER_*`,
 *    `LOGFERRY_ARCHIVE_*`);
 * 3. the prefix ends in the default names `dead-letter` or `archive`;
 * 4. the first line of the first object under the prefix parses as a dead-letter entry or an
 *    archive line (one LIST of one key, one or two GETs).
 *
 * An empty prefix (nothing listed) counts as an archive: there is nothing to replay either way.
 *
 * @throws {ReplayError} `invalid-arguments` when the first object is neither; `source-failed`
 * when S3 cannot be read.
 * @example
 * ```ts
 * const { mode, evidence } = await detectReplayMode({ source, config, connection });
 * ```
 */
export async function detectReplayMode(
  options: DetectReplayModeOptions,
): Promise<{ readonly mode: ReplayMode; readonly evidence: string }> {
  const { source, config } = options;
  const segments = source.prefix.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('kind='))) {
    return { mode: 'dead-letters', evidence: 'the prefix has a kind= partition' };
  }
  if (segments.some((segment) => segment.startsWith('log_group='))) {
    return { mode: 'archive', evidence: 'the prefix has a log_group= partition' };
  }
  const root = segments.join('/');
  if (config.deadLetter?.bucket === source.bucket && config.deadLetter.prefix === root) {
    return { mode: 'dead-letters', evidence: 'it is the configured dead-letter location' };
  }
  if (config.archive?.bucket === source.bucket && config.archive.prefix === root) {
    return { mode: 'archive', evidence: 'it is the configured archive location' };
  }
  const last = segments.at(-1);
  if (last === 'dead-letter')
    return { mode: 'dead-letters', evidence: 'the prefix ends in dead-letter' };
  if (last === 'archive') return { mode: 'archive', evidence: 'the prefix ends in archive' };

  try {
    let key: string | undefined;
    for await (const object of listS3Objects({
      ...options.connection,
      prefix: source.prefix,
      pageSize: 1,
    })) {
      key = object.key;
      break;
    }
    if (key === undefined)
      return { mode: 'archive', evidence: 'nothing is stored under the prefix' };
    for await (const line of readArchiveObject({ ...options.connection, key })) {
      if (line.ok) return { mode: 'archive', evidence: `${key} holds archive lines` };
      break;
    }
    for await (const line of readDeadLetterObject({ ...options.connection, key })) {
      if (line.ok) return { mode: 'dead-letters', evidence: `${key} holds dead-letter entries` };
      break;
    }
    throw new ReplayError(
      `Cannot tell whether s3://${source.bucket}/${source.prefix} is an archive or a dead-letter store: its first object (${key}) starts with neither an archive line nor a dead-letter entry; pass --archive or --dead-letters`,
      { code: 'invalid-arguments' },
    );
  } catch (error) {
    if (isS3ArchiveError(error)) {
      throw new ReplayError(
        `Cannot tell whether s3://${source.bucket}/${source.prefix} is an archive or a dead-letter store: ${error.message}; pass --archive or --dead-letters`,
        { code: 'invalid-arguments', cause: error },
      );
    }
    if (!isSinkError(error)) throw error;
    throw new ReplayError(
      `Cannot look at s3://${source.bucket}/${source.prefix} to tell an archive from a dead-letter store: ${error.message}; pass --archive or --dead-letters`,
      { code: 'source-failed', retryable: error.retryable, cause: error },
    );
  }
}
