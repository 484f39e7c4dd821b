import { describe, expect, it } from 'vitest';
import { BulkError, BulkResponseError } from './errors';

describe('BulkError', () => {
  it('sets name, code, retryable (false by default) and forwards cause', () => {
    const cause = new RangeError('Invalid time value');
    const error = new BulkError('Log event field timestamp must be …', {
      code: 'invalid-event',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BulkError');
    expect(error.code).toBe('invalid-event');
    expect(error.retryable).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('Log event field timestamp must be …');
  });

  it('has no cause property when none is given', () => {
    const error = new BulkError('bad', { code: 'invalid-options', retryable: true });
    expect('cause' in error).toBe(false);
    expect(error.retryable).toBe(true);
  });
});

describe('BulkResponseError', () => {
  it('is a BulkError that is retryable by default and carries the HTTP status', () => {
    const cause = new SyntaxError('Unexpected token <');
    const error = new BulkResponseError('not JSON', {
      code: 'invalid-json',
      httpStatus: 502,
      cause,
    });
    expect(error).toBeInstanceOf(BulkError);
    expect(error.name).toBe('BulkResponseError');
    expect(error.code).toBe('invalid-json');
    expect(error.retryable).toBe(true);
    expect(error.httpStatus).toBe(502);
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('BulkResponseError: not JSON');
  });

  it('can be marked not retryable', () => {
    const error = new BulkResponseError('400', { code: 'error-response', retryable: false });
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBeUndefined();
  });
});
