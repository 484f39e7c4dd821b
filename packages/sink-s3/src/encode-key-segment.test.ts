import { describe, expect, it } from 'vitest';
import { decodeKeySegment } from './decode-key-segment';
import { encodeKeySegment, maxKeySegmentBytes } from './encode-key-segment';

describe('encodeKeySegment', () => {
  it.each([
    ['/aws/lambda/checkout-api', '%2Faws%2Flambda%2Fcheckout-api'],
    ['API-Gateway-Execution-Logs_a1b2c3d4e5/prod', 'API-Gateway-Execution-Logs_a1b2c3d4e5%2Fprod'],
    ['/aws/rds/instance/orders-db/postgresql', '%2Faws%2Frds%2Finstance%2Forders-db%2Fpostgresql'],
    ['my.app#prod', 'my.app%23prod'],
    ['.', '%2E'],
    ['..', '%2E%2E'],
    ['../etc', '%2E%2E%2Fetc'],
    ['a..b...c', 'a.%2Eb.%2E%2Ec'],
    ['a.b', 'a.b'],
    ['x y=z%', 'x%20y%3Dz%25'],
    ['~', '%7E'],
    ['', '~'],
    ['Größe 支付', 'Gr%C3%B6%C3%9Fe%20%E6%94%AF%E4%BB%98'],
  ])('encodes %j as %j', (value, segment) => {
    expect(encodeKeySegment(value)).toBe(segment);
    expect(decodeKeySegment(segment)).toBe(value);
  });

  it('cuts long encodings at an escape boundary and appends ~ and a hash of the value', () => {
    const value = `/aws/${'/'.repeat(100)}`;
    const segment = encodeKeySegment(value);
    expect(segment.length).toBe(maxKeySegmentBytes);
    expect(segment).toMatch(/^(%2F|%2Faws)+(%2F)*~[0-9a-f]{16}$/);
    expect(segment.split('~')[0]!.endsWith('%2F')).toBe(true);
    expect(decodeKeySegment(segment)).toBeUndefined();
  });

  it('gives distinct long values distinct segments', () => {
    const prefix = 'x'.repeat(300);
    expect(encodeKeySegment(`${prefix}a`)).not.toBe(encodeKeySegment(`${prefix}b`));
    expect(encodeKeySegment(`${prefix}a`)).toBe(encodeKeySegment(`${prefix}a`));
  });

  it('keeps an encoding of exactly the limit uncut', () => {
    const value = 'y'.repeat(maxKeySegmentBytes);
    expect(encodeKeySegment(value)).toBe(value);
    expect(encodeKeySegment(`${value}y`)).toMatch(/~[0-9a-f]{16}$/);
  });
});

describe('decodeKeySegment', () => {
  it.each([
    ['lower-case escapes are not canonical', '%2faws'],
    ['an escaped safe character is not canonical', '%61'],
    ['a literal leading dot is never written', '.x'],
    ['invalid UTF-8', '%C3'],
    ['a character the encoder never writes', 'a/b'],
    ['a cut segment', 'abc~0123456789abcdef'],
  ])('returns undefined when %s (%j)', (_, segment) => {
    expect(decodeKeySegment(segment)).toBeUndefined();
  });
});
