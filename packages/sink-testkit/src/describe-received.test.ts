import { describe, expect, it } from 'vitest';
import { describeReceived } from './describe-received';

describe('describeReceived', () => {
  it('quotes strings and renders other values on one line', () => {
    expect(describeReceived('abc')).toBe('"abc"');
    expect(describeReceived({ status: 'retryable', reason: 'x' })).toBe(
      "{ status: 'retryable', reason: 'x' }",
    );
    expect(describeReceived(undefined)).toBe('undefined');
  });

  it('truncates long values and says how long a string was', () => {
    expect(describeReceived('x'.repeat(500), 20)).toBe(`"${'x'.repeat(18)}… (500 chars)`);
    expect(
      describeReceived(
        Array.from({ length: 100 }, (_, index) => index),
        30,
      ),
    ).toHaveLength(30);
  });
});
