import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeContentEncoding } from './decode-content-encoding';

describe('decodeContentEncoding', () => {
  it.each([
    [undefined, Buffer.from('{"a":1}\n')],
    ['identity', Buffer.from('{"a":1}\n')],
    ['gzip', gzipSync('{"a":1}\n')],
    ['X-GZIP', gzipSync('{"a":1}\n')],
    ['deflate', deflateSync('{"a":1}\n')],
  ])('decodes content-encoding %s', (encoding, raw) => {
    expect(decodeContentEncoding(raw, encoding)).toEqual({
      ok: true,
      body: Buffer.from('{"a":1}\n'),
    });
  });

  it('refuses encodings it cannot undo and corrupt bodies, saying which', () => {
    expect(decodeContentEncoding(Buffer.from('x'), 'br')).toEqual({
      ok: false,
      reason: 'unsupported content-encoding [br]',
    });
    const corrupt = decodeContentEncoding(Buffer.from('not gzip'), 'gzip');
    expect(corrupt.ok).toBe(false);
    expect(corrupt.ok ? '' : corrupt.reason).toBe(
      'failed to decompress the request body (content-encoding: gzip): incorrect header check',
    );
  });
});
