import { describe, expect, it } from 'vitest';
import { describeReceived } from './describe-received';
import { isReplayError, ReplayError } from './errors';

describe('ReplayError', () => {
  it('sets name, code, retryable, problems and cause', () => {
    const cause = new Error('EACCES');
    const error = new ReplayError('Cannot write the checkpoint file x', {
      code: 'checkpoint-failed',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ReplayError');
    expect(error.code).toBe('checkpoint-failed');
    expect(error.retryable).toBe(false);
    expect(error.problems).toEqual(['Cannot write the checkpoint file x']);
    expect(error.cause).toBe(cause);
    expect(new ReplayError('x', { code: 'source-failed', retryable: true }).retryable).toBe(true);
    expect(Object.hasOwn(new ReplayError('x', { code: 'source-failed' }), 'cause')).toBe(false);
  });

  it('is recognised by isReplayError, also from another copy of the module', () => {
    expect(isReplayError(new ReplayError('x', { code: 'invalid-arguments' }))).toBe(true);
    expect(
      isReplayError(Object.assign(new Error('x'), { name: 'ReplayError', code: 'sink-failed' })),
    ).toBe(true);
    expect(isReplayError(new Error('x'))).toBe(false);
    expect(isReplayError({ name: 'ReplayError', code: 'sink-failed' })).toBe(false);
  });
});

describe('describeReceived', () => {
  it('quotes strings and cuts long values', () => {
    expect(describeReceived('abc')).toBe('"abc"');
    expect(describeReceived('x'.repeat(100))).toBe(`"${'x'.repeat(80)}"… (100 characters)`);
    expect(describeReceived({ a: 1 })).toBe('{"a":1}');
    expect(describeReceived(undefined)).toBe('undefined');
    expect(describeReceived(Array(50).fill(1))).toBe(
      `${JSON.stringify(Array(50).fill(1)).slice(0, 80)}…`,
    );
  });
});
