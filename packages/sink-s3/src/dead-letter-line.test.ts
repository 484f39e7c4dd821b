import type { DeadLetterEntry, SinkRecord } from '@logferry/sink';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/archive-record.json' with { type: 'json' };
import { encodeDeadLetterLine } from './encode-dead-letter-line';
import { S3ArchiveError } from './errors';
import { parseDeadLetterLine } from './parse-dead-letter-line';

const record = fixture.record as SinkRecord;
const rejected: DeadLetterEntry = {
  kind: 'rejected-record',
  record,
  sink: 'elasticsearch',
  reason: 'failed to parse field [status] of type [long]',
  errorType: 'mapper_parsing_exception',
  httpStatus: 400,
  failedAt: '2024-06-01T00:00:05.000Z',
};
const undecodable: DeadLetterEntry = {
  kind: 'undecodable-record',
  data: 'bm90IGd6aXA=',
  shardId: 'shardId-000000000000',
  sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
  approximateArrivalTimestamp: 1717200000150,
  reason: 'Expected gzip data; received 8 bytes starting 6e 6f 74 20',
  errorType: 'invalid-gzip',
  failedAt: '2024-06-01T00:00:05.000Z',
};

describe('encodeDeadLetterLine', () => {
  it('writes a rejected record with the failure first and the record in the archive line format', () => {
    expect(encodeDeadLetterLine(rejected)).toBe(
      `{"kind":"rejected-record","sink":"elasticsearch","failedAt":"2024-06-01T00:00:05.000Z","reason":"failed to parse field [status] of type [long]","errorType":"mapper_parsing_exception","httpStatus":400,"record":${fixture.line}}`,
    );
  });

  it('writes an undecodable record with its data last, exactly as received', () => {
    expect(encodeDeadLetterLine(undecodable)).toBe(
      '{"kind":"undecodable-record","failedAt":"2024-06-01T00:00:05.000Z","reason":"Expected gzip data; received 8 bytes starting 6e 6f 74 20","errorType":"invalid-gzip","shardId":"shardId-000000000000","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","approximateArrivalTimestamp":1717200000150,"data":"bm90IGd6aXA="}',
    );
  });
});

describe('parseDeadLetterLine', () => {
  it('reads both kinds back', () => {
    expect(parseDeadLetterLine(encodeDeadLetterLine(rejected))).toEqual(rejected);
    expect(parseDeadLetterLine(encodeDeadLetterLine(undecodable))).toEqual(undecodable);
  });

  it('keeps optional fields absent', () => {
    const {
      errorType: _type,
      httpStatus: _status,
      ...minimal
    } = rejected as Extract<DeadLetterEntry, { kind: 'rejected-record' }>;
    expect(parseDeadLetterLine(encodeDeadLetterLine(minimal))).toEqual(minimal);
  });

  it.each([
    [
      'an unknown kind',
      { kind: 'lost' },
      '"kind" must be \'rejected-record\' or \'undecodable-record\'; received "lost"',
    ],
    [
      'a numeric failedAt',
      { ...JSON.parse(encodeDeadLetterLine(undecodable)), failedAt: 1 },
      '"failedAt" must be a string; received number 1',
    ],
    [
      'missing data',
      { ...JSON.parse(encodeDeadLetterLine(undecodable)), data: undefined },
      '"data" must be a string; received undefined',
    ],
    [
      'a record without id',
      {
        ...JSON.parse(encodeDeadLetterLine(rejected)),
        record: { ...JSON.parse(fixture.line), id: 5 },
      },
      '"record.id" must be a string; received number 5',
    ],
    [
      'a bad httpStatus',
      { ...JSON.parse(encodeDeadLetterLine(rejected)), httpStatus: 'x' },
      '"httpStatus" must be an HTTP status when present',
    ],
    [
      'no sink',
      { ...JSON.parse(encodeDeadLetterLine(rejected)), sink: undefined },
      '"sink" must be a string',
    ],
  ])('reports %s as malformed-line', (_, value, problem) => {
    const where = { key: 'dead-letter/x.ndjson.gz', lineNumber: 2 };
    let error: unknown;
    try {
      parseDeadLetterLine(JSON.stringify(value), where);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(S3ArchiveError);
    expect(error).toMatchObject({ code: 'malformed-line', key: where.key, lineNumber: 2 });
    expect((error as Error).message).toContain(
      'Malformed dead-letter line (line 2 of dead-letter/x.ndjson.gz): ',
    );
    expect((error as Error).message).toContain(problem);
  });
});

describe('encodeDeadLetterLine → parseDeadLetterLine (property)', () => {
  it('gives back any undecodable entry unchanged', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            data: fc.base64String(),
            shardId: fc.string({ minLength: 1 }),
            sequenceNumber: fc.bigInt({ min: 0n, max: 10n ** 56n }).map(String),
            approximateArrivalTimestamp: fc.integer({ min: 0, max: 2 ** 45 }),
            reason: fc.string({ unit: 'binary' }),
            errorType: fc.string(),
            failedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          },
          {
            requiredKeys: ['data', 'shardId', 'sequenceNumber', 'reason', 'errorType', 'failedAt'],
          },
        ),
        (fields) => {
          const entry: DeadLetterEntry = { kind: 'undecodable-record', ...fields };
          const line = encodeDeadLetterLine(entry);
          expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
          expect(parseDeadLetterLine(line)).toEqual(entry);
        },
      ),
    );
  });
});
