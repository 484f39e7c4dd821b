import { describe, expect, it } from 'vitest';
import { formatByteCount } from './format-byte-count';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it('picks a unit people read at a glance', () => {
    expect([850, 12_500, 185_000, 7_620_000].map(formatDuration)).toEqual([
      '850 ms',
      '12.5 s',
      '3m05s',
      '2h07m',
    ]);
  });
});

describe('formatByteCount', () => {
  it('uses binary units', () => {
    expect([512, 1536, 12_897_485, 2_147_483_648].map(formatByteCount)).toEqual([
      '512 B',
      '1.5 KiB',
      '12.3 MiB',
      '2.0 GiB',
    ]);
  });
});
