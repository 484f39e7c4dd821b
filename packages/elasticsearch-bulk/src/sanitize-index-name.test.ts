import { describe, expect, it } from 'vitest';
import { sanitizeIndexName } from './sanitize-index-name';

describe('sanitizeIndexName', () => {
  it('lowercases and replaces each run of other characters with one "-"', () => {
    expect(sanitizeIndexName('CWL /aws/lambda/Orders#1')).toBe('cwl-aws-lambda-orders-1');
    expect(sanitizeIndexName('a:b,c|d')).toBe('a-b-c-d');
    expect(sanitizeIndexName('été 📦 logs')).toBe('t-logs');
  });

  it('removes leading "-" and "_" but keeps a leading "."', () => {
    expect(sanitizeIndexName('_private')).toBe('private');
    expect(sanitizeIndexName('--_x')).toBe('x');
    expect(sanitizeIndexName('+plus')).toBe('plus');
    expect(sanitizeIndexName('.hidden')).toBe('.hidden');
  });

  it('cuts to 255 bytes', () => {
    expect(sanitizeIndexName('a'.repeat(300))).toBe('a'.repeat(255));
  });

  it('names an index that would be empty, "." or ".." unnamed-index', () => {
    for (const name of ['', '///', '_', '.', '..', '📦'])
      expect(sanitizeIndexName(name)).toBe('unnamed-index');
  });

  it('throws a typed error for non-strings', () => {
    expect(() => sanitizeIndexName(undefined as unknown as string)).toThrow(
      expect.objectContaining({
        code: 'invalid-argument',
        message: 'sanitizeIndexName needs a string; received undefined',
      }),
    );
  });
});
