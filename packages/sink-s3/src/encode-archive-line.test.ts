import type { SinkRecord } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/archive-record.json' with { type: 'json' };
import { encodeArchiveLine } from './encode-archive-line';

const record = fixture.record as SinkRecord;

describe('encodeArchiveLine', () => {
  it('writes every field in a fixed order, with U+2028 escaped', () => {
    expect(encodeArchiveLine(record)).toBe(fixture.line);
  });

  it('leaves optional fields out when the record has none', () => {
    const { extractedFields: _fields, policyLevel: _level, ...required } = record;
    const { approximateArrivalTimestamp: _arrival, ...position } = record.position;
    expect(encodeArchiveLine({ ...required, message: 'm', position })).toBe(
      '{"id":"36990390990134150016227618181431330390633573838329307136","timestamp":1717200000000,"message":"m","owner":"123456789012","logGroup":"API-Gateway-Execution-Logs_a1b2c3d4e5/prod","logStream":"0a1b2c3d4e5f6a7b","subscriptionFilters":["logferry-access"],"shardId":"shardId-000000000000","sequenceNumber":"49590338271490256608559692538361571095921575989136588898","recordIndex":2,"eventIndex":1}',
    );
  });

  it('escapes U+2029 and keeps other unicode as UTF-8', () => {
    const line = encodeArchiveLine({ ...record, message: 'a\u2029b 支付 🚀' });
    expect(line).toContain('"message":"a\\u2029b 支付 🚀"');
  });
});
