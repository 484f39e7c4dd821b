import { describe, expect, it } from 'vitest';
import { describeReceived } from './describe-received';

describe('describeReceived', () => {
  it('renders values as JSON', () => {
    expect(describeReceived({ status: 201 })).toBe('{"status":201}');
    expect(describeReceived('x')).toBe('"x"');
    expect(describeReceived(null)).toBe('null');
    expect(describeReceived(undefined)).toBe('undefined');
    expect(describeReceived(Number.NaN)).toBe('null');
    expect(describeReceived(10n)).toBe('10n');
    expect(describeReceived(() => 1)).toBe('a function');
  });

  it('cuts long values to 80 characters and says how long they were', () => {
    const text = describeReceived('x'.repeat(500));
    expect(text).toBe(`"${'x'.repeat(79)}… (502 chars)`);
  });

  it('names the type of values JSON cannot render', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeReceived(circular)).toBe('[object Object]');
  });
});
