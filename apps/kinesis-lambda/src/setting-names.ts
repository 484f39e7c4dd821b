/**
 * The settings of the Elasticsearch/OpenSearch sink, URL first: every other one is refused
 * when `LOGFERRY_ELASTICSEARCH_URL` is unset. A part of {@link settingNames}.
 *
 * @example
 * ```ts
 * elasticsearchSettingNames.includes('LOGFERRY_JSON_MODE'); // true
 * ```
 */
export const elasticsearchSettingNames = [
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
  'LOGFERRY_ELASTICSEARCH_COMPRESSION',
] as const;

/**
 * Every `LOGFERRY_*` environment variable logferry reads — the Lambda and `logferry replay`
 * alike, so one `.env` file or Terraform output configures both. Any other name starting with
 * `LOGFERRY_` is a typo of one of these and is refused by {@link loadConfig}.
 *
 * @example
 * ```ts
 * settingNames.includes('LOGFERRY_ELASTICSEARCH_URL'); // true
 * ```
 */
export const settingNames = [
  ...elasticsearchSettingNames,
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
 * One of {@link settingNames}.
 *
 * @example
 * ```ts
 * const name: SettingName = 'LOGFERRY_HTTP_URL';
 * ```
 */
export type SettingName = (typeof settingNames)[number];
