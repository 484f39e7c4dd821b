import type { KeyTemplate } from './compile-key-template';
import { encodeKeySegment } from './encode-key-segment';
import type { UtcHour } from './read-utc-hour';

/**
 * What names one archive object: its group (log group, hour, Kinesis record) and the range of
 * event indexes it holds.
 *
 * @example
 * ```ts
 * const name: ArchiveObjectName = { logGroup: '/aws/lambda/x', hour, shardId: 'shardId-000000000000', sequenceNumber: '4959', firstEventIndex: 0, lastEventIndex: 3 };
 * ```
 */
export interface ArchiveObjectName {
  readonly logGroup: string;
  readonly hour: UtcHour;
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly firstEventIndex: number;
  readonly lastEventIndex: number;
}

/**
 * Renders an archive object's key: every value made key-safe with `encodeKeySegment`, the hour as
 * zero-padded UTC parts.
 *
 * @example
 * ```ts
 * renderArchiveKey(template, 'archive', name);
 * // → 'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-06-01/hour=00/shardId-000000000000-4959-0-3.ndjson.gz'
 * ```
 */
export function renderArchiveKey(
  template: KeyTemplate,
  prefix: string,
  name: ArchiveObjectName,
): string {
  return template.render({
    prefix,
    logGroup: encodeKeySegment(name.logGroup),
    yyyy: name.hour.yyyy,
    MM: name.hour.MM,
    dd: name.hour.dd,
    HH: name.hour.HH,
    shardId: encodeKeySegment(name.shardId),
    sequenceNumber: encodeKeySegment(name.sequenceNumber),
    firstEventIndex: String(name.firstEventIndex),
    lastEventIndex: String(name.lastEventIndex),
  });
}
