import { isSinkError, SinkError } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import { createSinkError, SINK_NAME } from './errors';

describe('createSinkError', () => {
  it('creates a SinkError naming this sink, with code, retryable, httpStatus and cause', () => {
    const cause = new Error('upstream');
    const error = createSinkError('POST /_bulk answered 403', {
      code: 'authentication',
      retryable: false,
      httpStatus: 403,
      cause,
    });
    expect(error).toBeInstanceOf(SinkError);
    expect(isSinkError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'SinkError',
      message: 'POST /_bulk answered 403',
      code: 'authentication',
      retryable: false,
      sink: SINK_NAME,
      httpStatus: 403,
    });
    expect(error.cause).toBe(cause);
  });

  it('leaves httpStatus and cause out when not given', () => {
    const error = createSinkError('timed out', { code: 'timeout', retryable: true });
    expect(error.httpStatus).toBeUndefined();
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(SINK_NAME).toBe('elasticsearch');
  });
});
