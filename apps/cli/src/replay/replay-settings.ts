/**
 * The settings `logferry replay` reads, by the environment variable names the Lambda uses
 * (`apps/kinesis-lambda/src/config.ts`), so one `.env` file or Terraform output configures both.
 * Each `LOGFERRY_X_Y` is also a flag, `--x-y`, and a key of the `--config` JSON file.
 *
 * @example
 * ```ts
 * replaySettingNames.includes('LOGFERRY_ELASTICSEARCH_URL'); // true
 * ```
 */
export const replaySettingNames = [
  'LOGFERRY_ELASTICSEARCH_URL',
  'LOGFERRY_ELASTICSEARCH_AUTH',
  'LOGFERRY_SIGV4_SERVICE',
  'LOGFERRY_SIGV4_REGION',
  'LOGFERRY_ELASTICSEARCH_USERNAME',
  'LOGFERRY_ELASTICSEARCH_PASSWORD',
  'LOGFERRY_ELASTICSEARCH_API_KEY',
  'LOGFERRY_INDEX_TEMPLATE',
  'LOGFERRY_DATA_STREAM',
  'LOGFERRY_JSON_MODE',
  'LOGFERRY_BULK_MAX_BYTES',
  'LOGFERRY_DOCUMENT_IDS',
  'LOGFERRY_ARCHIVE_BUCKET',
  'LOGFERRY_ARCHIVE_PREFIX',
  'LOGFERRY_DEAD_LETTER_BUCKET',
  'LOGFERRY_DEAD_LETTER_PREFIX',
  'LOGFERRY_S3_KMS_KEY_ID',
  'LOGFERRY_S3_ENDPOINT',
  'LOGFERRY_HTTP_URL',
  'LOGFERRY_HTTP_PRESET',
  'LOGFERRY_RETRY_BUDGET_MS',
] as const;

/**
 * One of {@link replaySettingNames}.
 *
 * @example
 * ```ts
 * const name: ReplaySettingName = 'LOGFERRY_HTTP_URL';
 * ```
 */
export type ReplaySettingName = (typeof replaySettingNames)[number];

/**
 * Settings whose values are credentials, or may carry them (vendors put tokens in intake URLs):
 * never echoed in errors, and flagged in `--help` as better given through the environment.
 *
 * @example
 * ```ts
 * secretSettingNames.has('LOGFERRY_HTTP_URL'); // true
 * ```
 */
export const secretSettingNames: ReadonlySet<string> = new Set([
  'LOGFERRY_ELASTICSEARCH_PASSWORD',
  'LOGFERRY_ELASTICSEARCH_API_KEY',
  'LOGFERRY_HTTP_URL',
]);
