import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSinkError, SinkError } from './sink-error';

describe('SinkError', () => {
  it('sets name, code, retryable, sink and httpStatus', () => {
    const error = new SinkError('Elasticsearch answered 403 Forbidden', {
      code: 'authentication',
      retryable: false,
      sink: 'elasticsearch',
      httpStatus: 403,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SinkError');
    expect(error.code).toBe('authentication');
    expect(error.retryable).toBe(false);
    expect(error.sink).toBe('elasticsearch');
    expect(error.httpStatus).toBe(403);
    expect(error.message).toBe('Elasticsearch answered 403 Forbidden');
    expect(inspect(error)).toContain('SinkError: Elasticsearch answered 403 Forbidden');
  });

  it('forwards cause when given one', () => {
    const cause = new Error('ECONNRESET');
    const error = new SinkError('connection reset', { code: 'network', retryable: true, cause });
    expect(error.cause).toBe(cause);
  });

  it('has no own cause property when none is given', () => {
    const error = new SinkError('timed out', { code: 'timeout', retryable: true });
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(error.sink).toBeUndefined();
    expect(error.httpStatus).toBeUndefined();
  });
});

describe('isSinkError', () => {
  it('recognises SinkError instances', () => {
    expect(isSinkError(new SinkError('x', { code: 'server', retryable: true }))).toBe(true);
  });

  it('recognises a SinkError from another copy of the package by its shape', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'SinkError',
      code: 'throttled',
      retryable: true,
    });
    expect(isSinkError(foreign)).toBe(true);
  });

  it('rejects other errors and non-errors', () => {
    expect(isSinkError(new Error('x'))).toBe(false);
    expect(isSinkError(Object.assign(new Error('x'), { name: 'SinkError' }))).toBe(false);
    expect(isSinkError({ name: 'SinkError', code: 'server', retryable: true })).toBe(false);
    expect(isSinkError(undefined)).toBe(false);
    expect(isSinkError('SinkError')).toBe(false);
  });
});
