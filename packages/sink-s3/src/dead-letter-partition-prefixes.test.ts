import { describe, expect, it } from 'vitest';
import { deadLetterPartitionPrefixes } from './dead-letter-partition-prefixes';

describe('deadLetterPartitionPrefixes', () => {
  it('lists everything, or one kind, without a time filter', () => {
    expect(deadLetterPartitionPrefixes()).toEqual(['dead-letter/kind=']);
    expect(deadLetterPartitionPrefixes({ kind: 'rejected-record', prefix: 'dlq/' })).toEqual([
      'dlq/kind=rejected-record/dt=',
    ]);
  });

  it('lists both kinds for a time range, collapsed to whole days', () => {
    expect(
      deadLetterPartitionPrefixes({
        since: Date.parse('2024-06-01T23:00:00Z'),
        until: Date.parse('2024-06-02T23:59:59Z'),
      }),
    ).toEqual([
      'dead-letter/kind=rejected-record/dt=2024-06-01/hour=23/',
      'dead-letter/kind=rejected-record/dt=2024-06-02/hour=',
      'dead-letter/kind=undecodable-record/dt=2024-06-01/hour=23/',
      'dead-letter/kind=undecodable-record/dt=2024-06-02/hour=',
    ]);
  });

  it('rejects an unknown kind', () => {
    expect(() => deadLetterPartitionPrefixes({ kind: 'lost' as never })).toThrow(
      'The "kind" filter must be \'rejected-record\' or \'undecodable-record\'; received "lost".',
    );
  });
});
