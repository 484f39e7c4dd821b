import type { SinkRecord } from '@logferry/sink';
import { describeReceived } from './describe-received';

/**
 * One archive line as a JSON object: the `SinkRecord` with its `position` fields lifted to the top
 * level, in a fixed key order. Optional fields are left out when absent.
 *
 * @example
 * ```ts
 * const fields: ArchiveLineFields = toArchiveLineFields(record);
 * ```
 */
export interface ArchiveLineFields {
  readonly id: string;
  readonly timestamp: number;
  readonly message: string;
  readonly extractedFields?: Readonly<Record<string, string>>;
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
  readonly policyLevel?: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly recordIndex: number;
  readonly eventIndex: number;
  readonly approximateArrivalTimestamp?: number;
}

/**
 * Lays a record out as an archive line object (see {@link ArchiveLineFields}).
 *
 * @example
 * ```ts
 * JSON.stringify(toArchiveLineFields(record));
 * ```
 */
export function toArchiveLineFields(record: SinkRecord): ArchiveLineFields {
  const { position } = record;
  return {
    id: record.id,
    timestamp: record.timestamp,
    message: record.message,
    ...(record.extractedFields === undefined ? {} : { extractedFields: record.extractedFields }),
    owner: record.owner,
    logGroup: record.logGroup,
    logStream: record.logStream,
    subscriptionFilters: record.subscriptionFilters,
    ...(record.policyLevel === undefined ? {} : { policyLevel: record.policyLevel }),
    shardId: position.shardId,
    sequenceNumber: position.sequenceNumber,
    recordIndex: position.recordIndex,
    eventIndex: position.eventIndex,
    ...(position.approximateArrivalTimestamp === undefined
      ? {}
      : { approximateArrivalTimestamp: position.approximateArrivalTimestamp }),
  };
}

/**
 * Reads a parsed archive line object back into a `SinkRecord`, checking every field. Unknown
 * fields are ignored, so later versions may add some.
 *
 * @returns the record, or a description of the first problem (`"timestamp" must be …; received …`).
 * @example
 * ```ts
 * const result = fromArchiveLineFields(JSON.parse(line));
 * if (typeof result === 'string') throw new Error(result);
 * ```
 */
export function fromArchiveLineFields(value: unknown, path = ''): SinkRecord | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${path === '' ? 'the line' : `"${path}"`} must be a JSON object; received ${describeReceived(value)}`;
  }
  const fields = value as Record<string, unknown>;
  const name = (field: string) => `"${path === '' ? field : `${path}.${field}`}"`;
  const problem = (field: string, rule: string) =>
    `${name(field)} ${rule}; received ${describeReceived(fields[field])}`;

  for (const field of ['id', 'message', 'owner', 'logGroup', 'logStream'] as const) {
    if (typeof fields[field] !== 'string') return problem(field, 'must be a string');
  }
  for (const field of ['shardId', 'sequenceNumber'] as const) {
    if (typeof fields[field] !== 'string' || fields[field] === '') {
      return problem(field, 'must be a non-empty string');
    }
  }
  if (typeof fields.timestamp !== 'number' || !Number.isFinite(fields.timestamp)) {
    return problem('timestamp', 'must be a finite number of epoch milliseconds');
  }
  for (const field of ['recordIndex', 'eventIndex'] as const) {
    const index = fields[field];
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
      return problem(field, 'must be a non-negative integer');
    }
  }
  const filters = fields.subscriptionFilters;
  if (!Array.isArray(filters) || filters.some((filter) => typeof filter !== 'string')) {
    return problem('subscriptionFilters', 'must be an array of strings');
  }
  const extracted = fields.extractedFields;
  if (
    extracted !== undefined &&
    (typeof extracted !== 'object' ||
      extracted === null ||
      Array.isArray(extracted) ||
      Object.values(extracted).some((fieldValue) => typeof fieldValue !== 'string'))
  ) {
    return problem('extractedFields', 'must be an object of string values when present');
  }
  if (fields.policyLevel !== undefined && typeof fields.policyLevel !== 'string') {
    return problem('policyLevel', 'must be a string when present');
  }
  const arrival = fields.approximateArrivalTimestamp;
  if (arrival !== undefined && (typeof arrival !== 'number' || !Number.isFinite(arrival))) {
    return problem('approximateArrivalTimestamp', 'must be a finite number when present');
  }

  return {
    id: fields.id as string,
    timestamp: fields.timestamp,
    message: fields.message as string,
    ...(extracted === undefined
      ? {}
      : { extractedFields: Object.fromEntries(Object.entries(extracted as object)) }),
    owner: fields.owner as string,
    logGroup: fields.logGroup as string,
    logStream: fields.logStream as string,
    subscriptionFilters: filters as string[],
    ...(fields.policyLevel === undefined ? {} : { policyLevel: fields.policyLevel }),
    position: {
      shardId: fields.shardId as string,
      sequenceNumber: fields.sequenceNumber as string,
      recordIndex: fields.recordIndex as number,
      eventIndex: fields.eventIndex as number,
      ...(arrival === undefined ? {} : { approximateArrivalTimestamp: arrival as number }),
    },
  };
}
