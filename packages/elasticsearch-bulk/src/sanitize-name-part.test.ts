import { describe, expect, it } from 'vitest';
import { sanitizeNamePart } from './sanitize-name-part';

describe('sanitizeNamePart', () => {
  it('keeps a-z 0-9 . _ - and trims separators at both ends', () => {
    expect(sanitizeNamePart('/aws/lambda/Orders-API')).toBe('aws-lambda-orders-api');
    expect(sanitizeNamePart('._/ecs/web_.')).toBe('ecs-web');
    expect(sanitizeNamePart('123456789012')).toBe('123456789012');
  });

  it('says unknown when nothing is left', () => {
    expect(sanitizeNamePart('')).toBe('unknown');
    expect(sanitizeNamePart('///')).toBe('unknown');
  });

  it('keeps long values apart with a hash of the whole value', () => {
    const base = `/aws/lambda/${'x'.repeat(200)}`;
    const first = sanitizeNamePart(`${base}-a`);
    const second = sanitizeNamePart(`${base}-b`);
    expect(first).toHaveLength(128);
    expect(first).toMatch(/^aws-lambda-x+-[0-9a-f]{8}$/);
    expect(first).not.toBe(second);
    expect(sanitizeNamePart(`${base}-a`)).toBe(first);
  });
});
