import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decode-base64';
import { DecodeError } from './errors';
import { loadNodeRuntime } from './load-node-runtime';

describe.each([
  ['Buffer', loadNodeRuntime()],
  ['portable', undefined],
] as const)('decodeBase64 with %s', (_name, runtime) => {
  it.each([
    ['', []],
    ['QQ==', [0x41]],
    ['QUI=', [0x41, 0x42]],
    ['QUJD', [0x41, 0x42, 0x43]],
    ['H4sI', [0x1f, 0x8b, 0x08]],
    ['+/+/', [0xfb, 0xff, 0xbf]],
    ['Q\r\nU J\tD\n', [0x41, 0x42, 0x43]],
  ])('decodes %j', (text, bytes) => {
    expect([...decodeBase64(text, runtime)]).toEqual(bytes);
  });

  it('says what is wrong, the rule, and what was received', () => {
    expect(() => decodeBase64('QU JD$', runtime)).toThrow(
      new DecodeError(
        'Invalid base64: character "$" (U+0024) at offset 5 is outside the base64 alphabet (A-Z, a-z, 0-9, +, /). Expected padded standard base64 (RFC 4648 §4; ASCII whitespace is ignored); received "QU JD$"',
        { code: 'invalid-base64' },
      ),
    );
  });

  it('rejects a lone surrogate and reports it escaped', () => {
    expect(() => decodeBase64('QUJ\uD800', runtime)).toThrow(
      'character "\\ud800" (U+D800) at offset 3 is outside the base64 alphabet',
    );
  });
});
