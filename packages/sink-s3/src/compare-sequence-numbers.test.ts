import { describe, expect, it } from 'vitest';
import { compareSequenceNumbers } from './compare-sequence-numbers';

describe('compareSequenceNumbers', () => {
  it('orders decimal sequence numbers numerically without parsing them', () => {
    expect(
      ['100', '99', '49590338271490256608559692538361571095921575989136588898', '101'].sort(
        compareSequenceNumbers,
      ),
    ).toEqual(['99', '100', '101', '49590338271490256608559692538361571095921575989136588898']);
  });

  it('falls back to text order for anything else', () => {
    expect(['b', 'a', '10'].sort(compareSequenceNumbers)).toEqual(['10', 'a', 'b']);
    expect(compareSequenceNumbers('7', '7')).toBe(0);
  });
});
