/**
 * The archive's default key template: Hive-style partitions by log group, day and hour (UTC, of
 * each event's own timestamp), then one object per Kinesis record, named by shard, sequence number
 * and the range of event indexes it holds.
 *
 * Placeholders: `{prefix}`, `{logGroup}` (percent-encoded, see `encodeKeySegment`), `{yyyy}`,
 * `{MM}`, `{dd}`, `{HH}`, `{shardId}`, `{sequenceNumber}`, `{firstEventIndex}`,
 * `{lastEventIndex}`.
 *
 * @example
 * ```ts
 * // archive/log_group=%2Faws%2Flambda%2Fcheckout-api/dt=2024-06-01/hour=00/shardId-000000000000-4959…898-0-3.ndjson.gz
 * const sink = createS3Sink({ bucket: 'logs', keyTemplate: defaultArchiveKeyTemplate });
 * ```
 */
export const defaultArchiveKeyTemplate =
  '{prefix}/log_group={logGroup}/dt={yyyy}-{MM}-{dd}/hour={HH}/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}.ndjson.gz';

/**
 * Placeholders an archive key template may use.
 *
 * @example
 * ```ts
 * compileKeyTemplate(template, { optionName: 'keyTemplate', placeholders: archiveKeyPlaceholders, required: requiredArchiveKeyPlaceholders });
 * ```
 */
export const archiveKeyPlaceholders = [
  'prefix',
  'logGroup',
  'yyyy',
  'MM',
  'dd',
  'HH',
  'shardId',
  'sequenceNumber',
  'firstEventIndex',
  'lastEventIndex',
] as const;

/**
 * Placeholders every archive key template must use, so each object's key is unique and stable.
 *
 * @example
 * ```ts
 * requiredArchiveKeyPlaceholders.every((name) => template.includes(`{${name}}`));
 * ```
 */
export const requiredArchiveKeyPlaceholders = [
  'shardId',
  'sequenceNumber',
  'firstEventIndex',
  'lastEventIndex',
] as const;
