import type { DeadLetterEntry } from '@logferry/sink';
import { fromArchiveLineFields } from './archive-line-fields';
import { createMalformedLineError } from './create-malformed-line-error';
import { describeReceived } from './describe-received';
import type { LineLocation } from './line-location';
import { parseJsonLine } from './parse-json-line';

/**
 * Parses one dead-letter line (see {@link encodeDeadLetterLine}) back into a `DeadLetterEntry`.
 * Unknown fields are ignored.
 *
 * @throws {S3ArchiveError} `malformed-line` (with `key` and `lineNumber` when given) when the line
 * is not JSON, has an unknown `kind`, or a field is missing or of the wrong type.
 * @example
 * ```ts
 * const entry = parseDeadLetterLine(line, { key, lineNumber: 1 });
 * if (entry.kind === 'rejected-record') await sink.send([entry.record]);
 * ```
 */
export function parseDeadLetterLine(line: string, where: LineLocation = {}): DeadLetterEntry {
  const value = parseJsonLine(line, where, 'dead-letter');
  const result = readDeadLetterEntry(value);
  if (typeof result === 'string') throw createMalformedLineError(where, 'dead-letter', result);
  return result;
}

function readDeadLetterEntry(value: unknown): DeadLetterEntry | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `the line must be a JSON object; received ${describeReceived(value)}`;
  }
  const fields = value as Record<string, unknown>;
  const problem = (field: string, rule: string) =>
    `"${field}" ${rule}; received ${describeReceived(fields[field])}`;

  if (fields.kind !== 'rejected-record' && fields.kind !== 'undecodable-record') {
    return problem('kind', "must be 'rejected-record' or 'undecodable-record'");
  }
  for (const field of ['failedAt', 'reason'] as const) {
    if (typeof fields[field] !== 'string') return problem(field, 'must be a string');
  }
  if (fields.kind === 'rejected-record') {
    if (typeof fields.sink !== 'string') return problem('sink', 'must be a string');
    if (fields.errorType !== undefined && typeof fields.errorType !== 'string') {
      return problem('errorType', 'must be a string when present');
    }
    const status = fields.httpStatus;
    if (status !== undefined && (!Number.isInteger(status) || (status as number) < 100)) {
      return problem('httpStatus', 'must be an HTTP status when present');
    }
    const record = fromArchiveLineFields(fields.record, 'record');
    if (typeof record === 'string') return record;
    return {
      kind: 'rejected-record',
      record,
      sink: fields.sink,
      reason: fields.reason as string,
      ...(fields.errorType === undefined ? {} : { errorType: fields.errorType }),
      ...(status === undefined ? {} : { httpStatus: status as number }),
      failedAt: fields.failedAt as string,
    };
  }
  for (const field of ['errorType', 'shardId', 'sequenceNumber', 'data'] as const) {
    if (typeof fields[field] !== 'string') return problem(field, 'must be a string');
  }
  const arrival = fields.approximateArrivalTimestamp;
  if (arrival !== undefined && (typeof arrival !== 'number' || !Number.isFinite(arrival))) {
    return problem('approximateArrivalTimestamp', 'must be a finite number when present');
  }
  return {
    kind: 'undecodable-record',
    data: fields.data as string,
    shardId: fields.shardId as string,
    sequenceNumber: fields.sequenceNumber as string,
    ...(arrival === undefined ? {} : { approximateArrivalTimestamp: arrival as number }),
    reason: fields.reason as string,
    errorType: fields.errorType as string,
    failedAt: fields.failedAt as string,
  };
}
