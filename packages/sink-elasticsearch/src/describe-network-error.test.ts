import { describe, expect, it } from 'vitest';
import { describeNetworkError } from './describe-network-error';

describe('describeNetworkError', () => {
  it("reports the cause of Node fetch's TypeError", () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(describeNetworkError(error)).toBe('UND_ERR_SOCKET: other side closed');
  });

  it('does not repeat a code the message already names', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(describeNetworkError(error)).toBe('connect ECONNREFUSED 127.0.0.1:9');
  });

  it('describes errors without a cause, and non-errors', () => {
    expect(describeNetworkError(new Error('socket hang up'))).toBe('socket hang up');
    expect(describeNetworkError('boom')).toBe('boom');
    expect(describeNetworkError(undefined)).toBe('undefined');
  });

  it('cuts long details to 200 characters', () => {
    expect(describeNetworkError(new Error('x'.repeat(500)))).toHaveLength(200);
  });
});
