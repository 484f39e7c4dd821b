import type { SettingName } from '@logferry/kinesis-lambda/setting-names';

/**
 * The flag of a setting: `LOGFERRY_ELASTICSEARCH_URL` → `elasticsearch-url`.
 *
 * @example
 * ```ts
 * formatSettingFlag('LOGFERRY_S3_ENDPOINT'); // 's3-endpoint'
 * ```
 */
export function formatSettingFlag(name: SettingName): string {
  return name.slice('LOGFERRY_'.length).toLowerCase().replaceAll('_', '-');
}
