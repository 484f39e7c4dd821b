import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSinkError, SinkError, type SinkErrorCode } from './sink-error';

const codes: SinkErrorCode[] = [
  'invalid-options',
  'configuration',
  'authentication',
  'aborted',
  'network',
  'timeout',
  'throttled',
  'server',
  'invalid-response',
];

describe('SinkError (property)', () => {
  it('keeps every option it is given and is always recognised by isSinkError', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(...codes),
        fc.boolean(),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
        (message, code, retryable, sink, httpStatus) => {
          const error = new SinkError(message, { code, retryable, sink, httpStatus });
          expect(error.message).toBe(message);
          expect(error.code).toBe(code);
          expect(error.retryable).toBe(retryable);
          expect(error.sink).toBe(sink);
          expect(error.httpStatus).toBe(httpStatus);
          expect(isSinkError(error)).toBe(true);
        },
      ),
    );
  });
});
