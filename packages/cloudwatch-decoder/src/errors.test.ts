import { describe, expect, it } from 'vitest';
import { DecodeError, isDecodeError } from './errors';

describe('DecodeError', () => {
  it('sets name, code and message, is never retryable and keeps the cause', () => {
    const cause = new Error('incorrect header check');
    const error = new DecodeError('Invalid gzip data: …', { code: 'invalid-gzip', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DecodeError');
    expect(error.code).toBe('invalid-gzip');
    expect(error.message).toBe('Invalid gzip data: …');
    expect(error.retryable).toBe(false);
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('DecodeError: Invalid gzip data: …');
  });

  it('has no cause property when none is given', () => {
    expect('cause' in new DecodeError('x', { code: 'too-large' })).toBe(false);
  });
});

describe('isDecodeError', () => {
  it('recognises DecodeError, also from a duplicated package copy', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'DecodeError', code: 'invalid-json' });
    expect(isDecodeError(new DecodeError('x', { code: 'invalid-json' }))).toBe(true);
    expect(isDecodeError(lookalike)).toBe(true);
  });

  it('rejects other errors and non-errors', () => {
    expect(isDecodeError(new Error('x'))).toBe(false);
    expect(isDecodeError({ name: 'DecodeError', code: 'invalid-json' })).toBe(false);
    expect(isDecodeError(Object.assign(new Error('x'), { name: 'DecodeError' }))).toBe(false);
    expect(isDecodeError(undefined)).toBe(false);
  });
});
