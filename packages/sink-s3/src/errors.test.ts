import { describe, expect, it } from 'vitest';
import { isS3ArchiveError, S3ArchiveError } from './errors';

describe('S3ArchiveError', () => {
  it('sets name, code, key, line number and forwards cause', () => {
    const cause = new SyntaxError('Unexpected end of JSON input');
    const error = new S3ArchiveError('Malformed archive line (line 3 of k): …', {
      code: 'malformed-line',
      key: 'k',
      lineNumber: 3,
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'S3ArchiveError',
      code: 'malformed-line',
      key: 'k',
      lineNumber: 3,
      retryable: false,
    });
    expect(error.cause).toBe(cause);
  });

  it('has no own cause, key or line number when given none', () => {
    const error = new S3ArchiveError('x', { code: 'invalid-options' });
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(error.key).toBeUndefined();
    expect(error.lineNumber).toBeUndefined();
  });
});

describe('isS3ArchiveError', () => {
  it('recognises instances and look-alikes from another copy of the package', () => {
    expect(isS3ArchiveError(new S3ArchiveError('x', { code: 'invalid-object' }))).toBe(true);
    expect(
      isS3ArchiveError(
        Object.assign(new Error('x'), { name: 'S3ArchiveError', code: 'invalid-object' }),
      ),
    ).toBe(true);
    expect(isS3ArchiveError(new Error('x'))).toBe(false);
    expect(isS3ArchiveError({ name: 'S3ArchiveError', code: 'x' })).toBe(false);
  });
});
