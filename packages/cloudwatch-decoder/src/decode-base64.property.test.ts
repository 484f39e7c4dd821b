import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decode-base64';
import { encodeBase64 } from './encode-base64';
import { DecodeError } from './errors';
import { findBase64Problem } from './find-base64-problem';
import { loadNodeRuntime } from './load-node-runtime';

const runtimes = [
  ['Buffer', loadNodeRuntime()],
  ['portable', undefined],
] as const;

// The RFC 4648 §4 grammar, written independently of the implementation.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Mostly base64 characters, plus everything Buffer would silently skip or accept.
const base64ishText = fc.string({
  unit: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'AQgw09+/z'.split('')) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('=', '-', '_', '.', '$', '\0', 'é', '\u0100', '\uD83D', '\x7f'),
    },
  ),
  maxLength: 24,
});

describe.each(runtimes)('decodeBase64 with %s', (_name, runtime) => {
  it('decodes exactly what encodeBase64 encodes, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes, runtime);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect([...decodeBase64(text, runtime)]).toEqual([...bytes]);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts exactly the texts the RFC 4648 grammar accepts, decoding them like Buffer', () => {
    fc.assert(
      fc.property(base64ishText, (text) => {
        const valid = STRICT_BASE64.test(text);
        expect(findBase64Problem(text) === undefined).toBe(valid);
        if (valid) {
          expect([...decodeBase64(text, runtime)]).toEqual([...Buffer.from(text, 'base64')]);
        } else {
          expect(() => decodeBase64(text, runtime)).toThrow(DecodeError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('ignores ASCII whitespace anywhere', () => {
    const whitespace = fc.constantFrom(' ', '\t', '\n', '\r', '\f');
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.array(fc.tuple(fc.nat(), whitespace), { maxLength: 10 }),
        (bytes, insertions) => {
          let text = Buffer.from(bytes).toString('base64');
          for (const [position, character] of insertions) {
            const at = position % (text.length + 1);
            text = `${text.slice(0, at)}${character}${text.slice(at)}`;
          }
          expect([...decodeBase64(text, runtime)]).toEqual([...bytes]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects valid base64 of any length with one character replaced or inserted', () => {
    const invalidCharacter = fc.constantFrom('-', '_', '.', '$', '\0', 'é', '\uD83D', '*');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        invalidCharacter,
        fc.nat(),
        fc.boolean(),
        (bytes, character, position, replace) => {
          const text = Buffer.from(bytes).toString('base64');
          const at = position % text.length;
          const broken = `${text.slice(0, at)}${character}${text.slice(replace ? at + 1 : at)}`;
          expect(() => decodeBase64(broken, runtime)).toThrow(DecodeError);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
