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
