import { parseArgs } from 'node:util';
import { settingNames } from '@logferry/kinesis-lambda/setting-names';
import { describeReceived } from './describe-received';
import { ReplayError } from './errors';
import { formatSettingFlag } from './format-setting-flag';
import { parseS3Url } from './parse-s3-url';
import { parseTimeArgument } from './parse-time-argument';
import type { ReplayArguments } from './replay-arguments';

const settingFlags = new Map(settingNames.map((name) => [formatSettingFlag(name), name]));

/**
 * Parses the arguments of `logferry replay` (everything after the verb). Every Lambda setting
 * `LOGFERRY_X_Y` is also accepted as `--x-y VALUE`; `--endpoint` is `--s3-endpoint` and
 * `--region` sets `AWS_REGION`.
 *
 * @throws {ReplayError} `invalid-arguments` for an unknown flag, a missing or malformed value,
 * or `--since` after `--until`.
 * @example
 * ```ts
 * const parsed = parseReplayArgs(['--from', 's3://logs/archive', '--since', '6h'], Date.now());
 * ```
 */
export function parseReplayArgs(args: readonly string[], now: number): ReplayArguments {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new ReplayError(error instanceof Error ? error.message : String(error), {
      code: 'invalid-arguments',
      cause: error,
    });
  }
  const { values } = parsed;
  if (parsed.positionals.length > 0) {
    throw new ReplayError(
      `replay takes no positional arguments (give the source with --from s3://bucket/prefix); received ${describeReceived(parsed.positionals)}`,
      { code: 'invalid-arguments' },
    );
  }
  if (values['dead-letters'] === true && values.archive === true) {
    throw new ReplayError('--dead-letters and --archive are mutually exclusive; give at most one', {
      code: 'invalid-arguments',
    });
  }
  if (values.progress === true && values['no-progress'] === true) {
    throw new ReplayError('--progress and --no-progress are mutually exclusive; give at most one', {
      code: 'invalid-arguments',
    });
  }
  const since =
    values.since === undefined ? undefined : parseTimeArgument(values.since, '--since', now);
  const until =
    values.until === undefined ? undefined : parseTimeArgument(values.until, '--until', now);
  if (since !== undefined && until !== undefined && since > until) {
    throw new ReplayError(
      `--since must not be after --until; received ${new Date(since).toISOString()} and ${new Date(until).toISOString()}`,
      { code: 'invalid-arguments' },
    );
  }
  const logGroups = values['log-group'];
  if (logGroups?.some((name) => name.trim() === '')) {
    throw new ReplayError('--log-group needs a log group name; received an empty one', {
      code: 'invalid-arguments',
    });
  }

  const settings: Record<string, string> = {};
  for (const [flag, name] of settingFlags) {
    const value = (values as Record<string, unknown>)[flag];
    if (typeof value === 'string') settings[name] = value;
  }
  if (values.endpoint !== undefined) {
    if (settings.LOGFERRY_S3_ENDPOINT !== undefined) {
      throw new ReplayError('--endpoint and --s3-endpoint name the same setting; give one', {
        code: 'invalid-arguments',
      });
    }
    settings.LOGFERRY_S3_ENDPOINT = values.endpoint;
  }
  if (values.region !== undefined) settings.AWS_REGION = values.region;

  const sinkNames = values.sink;
  for (const name of sinkNames ?? []) {
    if (name !== 'elasticsearch' && name !== 'http') {
      throw new ReplayError(
        `--sink must be elasticsearch or http (the destinations a replay can deliver to); received ${describeReceived(name)}`,
        { code: 'invalid-arguments' },
      );
    }
  }

  return {
    help: values.help === true,
    from: values.from === undefined ? undefined : parseS3Url(values.from, '--from'),
    mode:
      values['dead-letters'] === true
        ? 'dead-letters'
        : values.archive === true
          ? 'archive'
          : undefined,
    filters: {
      ...(logGroups === undefined ? {} : { logGroups: [...new Set(logGroups)] }),
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
    },
    configPath: values.config,
    settings,
    sinkNames: sinkNames === undefined ? undefined : [...new Set(sinkNames)],
    concurrency: readCount(values.concurrency, '--concurrency', 4, 64),
    batchSize: readCount(values['batch-size'], '--batch-size', 1000, 10_000),
    maxAttempts: readCount(values['max-attempts'], '--max-attempts', 6, 100),
    checkpointPath: values.checkpoint,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    progress: values.progress === true ? true : values['no-progress'] === true ? false : undefined,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      from: { type: 'string' },
      'dead-letters': { type: 'boolean' },
      archive: { type: 'boolean' },
      'log-group': { type: 'string', multiple: true },
      since: { type: 'string' },
      until: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      config: { type: 'string' },
      sink: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'batch-size': { type: 'string' },
      'max-attempts': { type: 'string' },
      checkpoint: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      progress: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
      ...Object.fromEntries(
        [...settingFlags.keys()].map((flag) => [flag, { type: 'string' as const }]),
      ),
    },
  });
}

function readCount(
  value: string | undefined,
  flag: string,
  fallback: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  const parsed = /^[1-9]\d*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed > maximum) {
    throw new ReplayError(
      `${flag} must be a whole number from 1 to ${maximum}; received ${describeReceived(value)}`,
      { code: 'invalid-arguments' },
    );
  }
  return parsed;
}
