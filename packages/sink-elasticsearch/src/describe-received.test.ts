import { describe, expect, it } from 'vitest';
import { describeReceived } from './describe-received';

describe('describeReceived', () => {
  it('renders values as JSON, cut to 80 characters', () => {
    expect(describeReceived('30s')).toBe('"30s"');
    expect(describeReceived({ a: 1 })).toBe('{"a":1}');
    expect(describeReceived('x'.repeat(200))).toBe(`"${'x'.repeat(79)}… (202 chars)`);
  });

  it('names what JSON cannot show', () => {
    expect(describeReceived(undefined)).toBe('undefined');
    expect(describeReceived(() => 1)).toBe('a function');
    expect(describeReceived(10n)).toBe('10n');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeReceived(circular)).toBe('[object Object]');
  });
});
