import type { ReplaySettingName } from './replay-settings';

/**
 * The flag of a setting: `LOGFERRY_ELASTICSEARCH_URL` → `elasticsearch-url`.
 *
 * @example
 * ```ts
 * formatSettingFlag('LOGFERRY_S3_ENDPOINT'); // 's3-endpoint'
 * ```
 */
export function formatSettingFlag(name: ReplaySettingName): string {
  return name.slice('LOGFERRY_'.length).toLowerCase().replaceAll('_', '-');
}
