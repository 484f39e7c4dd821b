import type { SubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { type LogferryConfig, loadConfig } from '@logferry/kinesis-lambda/config';
import { ConfigError } from '@logferry/kinesis-lambda/errors';
import { settingNames } from '@logferry/kinesis-lambda/setting-names';
import type { CliIo } from '../cli-io';
import { convertConfigError } from '../replay/convert-config-error';
import { createProgressReporter } from '../replay/create-progress-reporter';
import { createReplaySummary } from '../replay/create-replay-summary';
import { createReplayTargets } from '../replay/create-replay-targets';
import { detectReplayMode } from '../replay/detect-replay-mode';
import { isReplayError, ReplayError } from '../replay/errors';
import { formatReplaySummary } from '../replay/format-replay-summary';
import { formatSettingFlag } from '../replay/format-setting-flag';
import { parseReplayArgs } from '../replay/parse-replay-args';
import { readSettingsFile } from '../replay/read-settings-file';
import type { ReplayArguments } from '../replay/replay-arguments';
import type { RetryPolicy } from '../replay/retry-policy';
import { runReplay } from '../replay/run-replay';
import { secretSettingNames } from '../replay/secret-setting-names';

/**
 * `logferry replay --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(REPLAY_HELP);
 * ```
 */
export const REPLAY_HELP = `Usage: logferry replay [--from s3://BUCKET/PREFIX] [options]

Replays log events from the S3 archive the Lambda writes (backfill), or drains its dead-letter
store, into the configured destinations (Elasticsearch/OpenSearch, HTTP intake). Events keep
their CloudWatch ids, so replaying twice stores nothing twice in Elasticsearch.

Source:
  --from s3://BUCKET[/PREFIX]  the archive or dead-letter location (default: LOGFERRY_ARCHIVE_*,
                               or LOGFERRY_DEAD_LETTER_* with --dead-letters)
  --dead-letters               drain dead letters: delivered entries are removed, entries that
                               fail again stay with the new reason and time
  --archive                    the source is an archive (default: detected from the prefix or the
                               objects)
  --log-group NAME             only this log group (repeat for several)
  --since TIME, --until TIME   only events (dead letters: failures) in this range; TIME is
                               2024-06-01, 2024-06-01T12:00:00Z, epoch ms, or a duration ago
                               (30m, 6h, 7d); only the partitions in range are listed
  --endpoint URL               S3-compatible endpoint (MinIO, s3rver), path-style addressing;
                               same as --s3-endpoint / LOGFERRY_S3_ENDPOINT
  --region REGION              S3 signing region (default AWS_REGION, then AWS_DEFAULT_REGION)

Destinations: the Lambda's settings. Flags win over --config FILE.json (an object of LOGFERRY_*
settings), which wins over the environment. Every LOGFERRY_X_Y setting is also a flag --x-y:
${settingNames
  .map(
    (name) =>
      `  --${formatSettingFlag(name).padEnd(26)} ${name}${secretSettingNames.has(name) ? ' (secret: prefer the environment)' : ''}`,
  )
  .join('\n')}
  --sink NAME                  deliver only to this destination: elasticsearch or http (repeat)
AWS credentials come from the standard environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN), else the AWS SDK's default chain (AWS_PROFILE and ~/.aws files, SSO, web
identity, ECS and EC2 instance roles).

Run:
  --concurrency N     objects processed at once (default 4, at most 64)
  --batch-size N      most events per request batch (default 1000)
  --max-attempts N    sends of a batch, retries included, with the Lambda's backoff (default 6)
  --checkpoint FILE   record completed objects in FILE and skip those already in it: run the
                      same command again to resume after an interruption
  --dry-run           list, read and count; send, write and delete nothing
  --json              print the summary as JSON
  --progress, --no-progress
                      draw a progress line on standard error (default: when it is a terminal)
  -h, --help          show this help

Ctrl-C stops cleanly: no new object or retry starts, requests in flight finish, objects not fully
settled are left for the next run, and the checkpoint is written (press it again to quit at once).

Exit status: 0 everything selected was delivered (or dead-lettered); 1 something was not (see the
summary's problems) or the run failed; 2 usage or configuration error; 130 interrupted.

Examples:
  logferry replay --from s3://acme-logs/archive --log-group /aws/lambda/checkout-api \\
    --since 2024-06-01 --until 2024-06-02 --checkpoint checkout.checkpoint.json
  logferry replay --dead-letters --since 7d
  logferry replay --from s3://logs/archive --endpoint http://127.0.0.1:9000 --dry-run
`;

/**
 * What tests inject into {@link runReplayCommand}; the bin passes none.
 *
 * @example
 * ```ts
 * const context: ReplayCommandContext = { fetch: countingFetch, policy: { sleep: async () => {} } };
 * ```
 */
export interface ReplayCommandContext {
  /**
   * The `fetch` for every request: S3, Elasticsearch and the HTTP intake.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * Retry policy overrides (tests: no waiting).
   * @default defaultRetryPolicy with --max-attempts
   */
  readonly policy?: Partial<RetryPolicy>;
  /**
   * Decodes undecodable dead letters again.
   * @default decodeSubscriptionMessage
   */
  readonly decode?: (data: string) => SubscriptionMessage;
  /**
   * Shortest time between checkpoint writes, in ms.
   * @default 1000
   */
  readonly checkpointIntervalMs?: number;
  /**
   * Current time in ms.
   * @default Date.now
   */
  readonly now?: () => number;
}

const awsSettingNames = ['AWS_REGION', 'AWS_DEFAULT_REGION'];

/**
 * Runs `logferry replay` and resolves to the process exit code: 0 everything selected was
 * replayed, 1 something was not or the run failed, 2 usage or configuration error, 130
 * interrupted (`io.signal`).
 *
 * @example
 * ```ts
 * process.exitCode = await runReplayCommand(['--from', 's3://logs/archive', '--dry-run'], io);
 * ```
 */
export async function runReplayCommand(
  args: readonly string[],
  io: CliIo,
  context: ReplayCommandContext = {},
): Promise<number> {
  const now = context.now ?? Date.now;
  let parsed: ReplayArguments;
  try {
    parsed = parseReplayArgs(args, now());
  } catch (error) {
    return reportError(error, io);
  }
  if (parsed.help) {
    io.stdout.write(REPLAY_HELP);
    return 0;
  }

  const environment = io.environment ?? process.env;
  try {
    const fromEnvironment = Object.fromEntries(
      Object.entries(environment).filter(
        ([name]) => name.startsWith('LOGFERRY_') || awsSettingNames.includes(name),
      ),
    );
    const fromFile =
      parsed.configPath === undefined ? {} : await readSettingsFile(parsed.configPath);
    const config = loadReplayConfig({ ...fromEnvironment, ...fromFile, ...parsed.settings });
    const targets = createReplayTargets(config, {
      environment,
      ...(parsed.sinkNames === undefined ? {} : { sinkNames: parsed.sinkNames }),
      needsSinks: !parsed.dryRun,
      ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
    });
    const source =
      parsed.from ??
      (parsed.mode === 'dead-letters' ? config.deadLetter : config.archive) ??
      undefined;
    if (source === undefined) {
      throw new ReplayError(
        parsed.mode === 'dead-letters'
          ? 'no source: give --from s3://bucket/prefix, or set LOGFERRY_DEAD_LETTER_BUCKET (or LOGFERRY_ARCHIVE_BUCKET)'
          : 'no source: give --from s3://bucket/prefix, or set LOGFERRY_ARCHIVE_BUCKET',
        { code: 'invalid-arguments' },
      );
    }
    if (config.s3.region === undefined) {
      throw new ReplayError(
        'AWS_REGION (or --region) is required to sign S3 requests; received neither AWS_REGION nor AWS_DEFAULT_REGION',
        { code: 'invalid-config' },
      );
    }
    const connection = { ...targets.connection, bucket: source.bucket };
    const mode = parsed.mode ?? (await detectReplayMode({ source, config, connection })).mode;
    const sourceName = `s3://${source.bucket}/${source.prefix}`;
    const showProgress = parsed.progress ?? io.stderr.isTTY === true;
    const progress = showProgress ? createProgressReporter(io.stderr, { now }) : undefined;

    let result: Awaited<ReturnType<typeof runReplay>>;
    try {
      result = await runReplay({
        source,
        mode,
        filters: parsed.filters,
        connection: targets.connection,
        sinks: targets.sinks,
        deadLetterStore: mode === 'archive' ? targets.deadLetterStore : undefined,
        ...(targets.serverSideEncryption === undefined
          ? {}
          : { serverSideEncryption: targets.serverSideEncryption }),
        concurrency: parsed.concurrency,
        batchSize: parsed.batchSize,
        policy: {
          maxAttempts: parsed.maxAttempts,
          ...(config.retryBudgetMs === undefined ? {} : { retryBudgetMs: config.retryBudgetMs }),
          ...context.policy,
        },
        dryRun: parsed.dryRun,
        ...(parsed.checkpointPath === undefined ? {} : { checkpointPath: parsed.checkpointPath }),
        ...(context.checkpointIntervalMs === undefined
          ? {}
          : { checkpointIntervalMs: context.checkpointIntervalMs }),
        ...(io.signal === undefined ? {} : { signal: io.signal }),
        ...(progress === undefined ? {} : { onProgress: progress.update, countTotals: true }),
        ...(context.decode === undefined ? {} : { decode: context.decode }),
        now,
      });
    } finally {
      progress?.finish();
      await Promise.all(targets.sinks.map((sink) => sink.close?.()));
    }
    const summary = createReplaySummary(result, {
      source: sourceName,
      mode,
      dryRun: parsed.dryRun,
      destinations: targets.sinks.map((sink) => sink.name),
      notes: parsed.dryRun
        ? []
        : describeDuplicates(
            config,
            targets.sinks.map((sink) => sink.name),
          ),
    });
    io.stdout.write(
      parsed.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReplaySummary(summary),
    );
    // The summary says what was done before the failure; standard error says why it stopped.
    if (result.error !== undefined) io.stderr.write(`logferry replay: ${result.error.message}\n`);
    return summary.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

/** The Lambda's loader, for a replay: no destination, dead-letter store or region required. */
function loadReplayConfig(settings: Readonly<Record<string, string | undefined>>): LogferryConfig {
  try {
    return loadConfig(settings, { purpose: 'replay' });
  } catch (error) {
    if (error instanceof ConfigError) throw convertConfigError(error);
    throw error;
  }
}

/** Destinations that store a replayed event again: say so, since exactly-once is the promise. */
function describeDuplicates(config: LogferryConfig, destinations: readonly string[]): string[] {
  const notes: string[] = [];
  if (destinations.includes('elasticsearch') && config.elasticsearch?.documentIds === 'none') {
    notes.push(
      'LOGFERRY_DOCUMENT_IDS is none, so documents have no _id: events already in the index were stored again',
    );
  }
  if (destinations.some((name) => name !== 'elasticsearch')) {
    notes.push(
      'an HTTP intake keeps every event it receives: events it already had were sent again (deduplicate on the event id there)',
    );
  }
  return notes;
}

function reportError(error: unknown, io: CliIo): number {
  if (!isReplayError(error)) throw error;
  io.stderr.write(`logferry replay: ${error.message}\n`);
  if (error.code === 'invalid-arguments') {
    io.stderr.write("Run 'logferry replay --help' for usage.\n");
  }
  return error.code === 'invalid-arguments' ||
    error.code === 'invalid-config' ||
    error.code === 'invalid-checkpoint'
    ? 2
    : 1;
}
