import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSigningError, SigningError } from './errors';

describe('SigningError', () => {
  it('sets name, code and message, and is not retryable by default', () => {
    const error = new SigningError('no region', { code: 'missing-region' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SigningError');
    expect(error.code).toBe('missing-region');
    expect(error.retryable).toBe(false);
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(inspect(error)).toContain('SigningError: no region');
  });

  it('forwards cause and retryable', () => {
    const cause = new Error('IMDS timed out');
    const error = new SigningError('provider failed', {
      code: 'credentials-provider-failed',
      retryable: true,
      cause,
    });
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(true);
  });
});

describe('isSigningError', () => {
  it('recognises instances and copies from another package version by shape', () => {
    expect(isSigningError(new SigningError('x', { code: 'invalid-url' }))).toBe(true);
    expect(
      isSigningError(
        Object.assign(new Error('x'), {
          name: 'SigningError',
          code: 'invalid-url',
          retryable: false,
        }),
      ),
    ).toBe(true);
  });

  it('rejects other values', () => {
    expect(isSigningError(new Error('x'))).toBe(false);
    expect(isSigningError(Object.assign(new Error('x'), { name: 'SigningError' }))).toBe(false);
    expect(isSigningError({ name: 'SigningError', code: 'invalid-url', retryable: false })).toBe(
      false,
    );
    expect(isSigningError(undefined)).toBe(false);
  });
});
