import type { S3Location } from './parse-s3-url';
import type { ReplayFilters } from './replay-filters';
import type { ReplayMode } from './replay-mode';

/**
 * The parsed command line of `logferry replay`.
 *
 * @example
 * ```ts
 * const parsed: ReplayArguments = parseReplayArgs(['--from', 's3://logs/archive', '--dry-run'], Date.now());
 * ```
 */
export interface ReplayArguments {
  readonly help: boolean;
  /** `--from`; `undefined` to take the archive (or dead-letter) location from the settings. */
  readonly from: S3Location | undefined;
  /** `--dead-letters` / `--archive`; `undefined` to detect it. */
  readonly mode: ReplayMode | undefined;
  readonly filters: ReplayFilters;
  /** `--config FILE`. */
  readonly configPath: string | undefined;
  /** Settings given as flags (`--elasticsearch-url` → `LOGFERRY_ELASTICSEARCH_URL`, `--region` → `AWS_REGION`). */
  readonly settings: Readonly<Record<string, string>>;
  /** `--sink`: only these destinations. */
  readonly sinkNames: readonly string[] | undefined;
  readonly concurrency: number;
  readonly batchSize: number;
  readonly maxAttempts: number;
  readonly checkpointPath: string | undefined;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** `--progress` / `--no-progress`; `undefined` shows it when standard error is a terminal. */
  readonly progress: boolean | undefined;
}
