import type { SinkRecord } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/archive-record.json' with { type: 'json' };
import { S3ArchiveError } from './errors';
import type { LineLocation } from './line-location';
import { parseArchiveLine } from './parse-archive-line';

const fields = JSON.parse(fixture.line) as Record<string, unknown>;
const where = { key: 'archive/log_group=x/dt=2024-06-01/hour=00/a.ndjson.gz', lineNumber: 7 };

function parseError(line: string, location: LineLocation = where): S3ArchiveError {
  try {
    parseArchiveLine(line, location);
  } catch (error) {
    if (error instanceof S3ArchiveError) return error;
    throw error;
  }
  throw new Error('expected parseArchiveLine to throw');
}

describe('parseArchiveLine', () => {
  it('reads a line back into the record', () => {
    expect(parseArchiveLine(fixture.line)).toEqual(fixture.record as SinkRecord);
  });

  it('ignores fields it does not know, so the format can grow', () => {
    expect(parseArchiveLine(JSON.stringify({ ...fields, addedLater: true }))).toEqual(
      fixture.record as SinkRecord,
    );
  });

  it.each([
    ['not JSON', '{"id":', 'the line is not JSON'],
    ['an array', '[1,2]', 'the line must be a JSON object; received an array of 2'],
    [
      'a missing id',
      JSON.stringify({ ...fields, id: undefined }),
      '"id" must be a string; received undefined',
    ],
    [
      'a string timestamp',
      JSON.stringify({ ...fields, timestamp: '2024' }),
      '"timestamp" must be a finite number of epoch milliseconds; received "2024"',
    ],
    [
      'an empty shard id',
      JSON.stringify({ ...fields, shardId: '' }),
      '"shardId" must be a non-empty string; received ""',
    ],
    [
      'a negative event index',
      JSON.stringify({ ...fields, eventIndex: -1 }),
      '"eventIndex" must be a non-negative integer; received number -1',
    ],
    [
      'a fractional record index',
      JSON.stringify({ ...fields, recordIndex: 1.5 }),
      '"recordIndex" must be a non-negative integer',
    ],
    [
      'filters that are not strings',
      JSON.stringify({ ...fields, subscriptionFilters: [1] }),
      '"subscriptionFilters" must be an array of strings',
    ],
    [
      'extracted fields that are not strings',
      JSON.stringify({ ...fields, extractedFields: { a: 1 } }),
      '"extractedFields" must be an object of string values',
    ],
    [
      'a numeric policy level',
      JSON.stringify({ ...fields, policyLevel: 1 }),
      '"policyLevel" must be a string when present',
    ],
    [
      'a string arrival time',
      JSON.stringify({ ...fields, approximateArrivalTimestamp: 'x' }),
      '"approximateArrivalTimestamp" must be a finite number',
    ],
  ])('reports %s as malformed-line with the key and line number', (_, line, problem) => {
    const error = parseError(line);
    expect(error).toMatchObject({
      name: 'S3ArchiveError',
      code: 'malformed-line',
      key: where.key,
      lineNumber: 7,
      retryable: false,
    });
    expect(error.message).toContain(`Malformed archive line (line 7 of ${where.key}): `);
    expect(error.message).toContain(problem);
  });

  it('keeps the JSON syntax error as cause and truncates what it quotes', () => {
    const error = parseError(`{${'x'.repeat(5000)}`);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('… (truncated)');
  });

  it('says less when it does not know where the line came from', () => {
    expect(parseError('null', {}).message).toBe(
      'Malformed archive line: the line must be a JSON object; received null.',
    );
  });
});
