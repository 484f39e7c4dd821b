import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from './decode-options';
import { decodeSubscriptionMessage } from './decode-subscription-message';
import { encodeSubscriptionMessage } from './encode-subscription-message';
import { DecodeError } from './errors';
import type { DataMessage } from './subscription-message';
import { createZeroBomb, gzipMembers, INFLATERS } from './test-support';

const message: DataMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'foo',
  logStream: 'stream-1',
  subscriptionFilters: ['logferry'],
  logEvents: [
    {
      id: '36990390990134150016227618181431330390633573838329307136',
      timestamp: 1,
      message: 'ilikecats',
    },
    {
      id: '36990390990134150016227618181431330390633573838329307137',
      timestamp: 2,
      message: 'ünïcödé 🐈\n',
    },
  ],
};
const json = JSON.stringify(message);
const base64 = gzipSync(json).toString('base64');

function catchDecodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError, but nothing was thrown');
}

describe.each(INFLATERS)('decodeSubscriptionMessage with the %s inflater', (inflater) => {
  const decode = (input: unknown, maxDecompressedBytes?: number) =>
    decodeSubscriptionMessage(input as string, { inflater, maxDecompressedBytes });

  it('decodes base64 text into the exact message', () => {
    expect(decode(base64)).toEqual(message);
  });

  it('decodes raw gzip bytes given as a Uint8Array or Buffer', () => {
    const bytes = gzipSync(json);
    expect(decode(bytes)).toEqual(message);
    expect(decode(new Uint8Array(bytes))).toEqual(message);
  });

  it('decodes a gzip view that does not start at offset 0 of its buffer', () => {
    const padded = Buffer.concat([Buffer.from('xxxx'), gzipSync(json), Buffer.from('yy')]);
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 4, padded.length - 6);
    expect(decode(view)).toEqual(message);
  });

  it('joins concatenated (multi-member) gzip streams', () => {
    const threeMembers = gzipMembers(json, [10, 80]);
    expect(decode(threeMembers)).toEqual(message);
    expect(decode(threeMembers.toString('base64'))).toEqual(message);
  });

  it('ignores ASCII whitespace in base64 (MIME-wrapped or copied text)', () => {
    const wrapped = ` ${base64.replace(/.{20}/g, '$&\r\n')}\t\n`;
    expect(decode(wrapped)).toEqual(message);
  });

  it('keeps unknown fields AWS may add and returns them untyped', () => {
    const future = { ...message, policyLevel: 'ACCOUNT_LEVEL_POLICY', newField: { a: 1 } };
    const decoded = decode(gzipSync(JSON.stringify(future)));
    expect(decoded).toEqual(future);
    expect(decoded.messageType === 'DATA_MESSAGE' && decoded.policyLevel).toBe(
      'ACCOUNT_LEVEL_POLICY',
    );
  });

  it('rejects base64 with a character outside the alphabet, naming it and its offset', () => {
    const error = catchDecodeError(() => decode(`${base64.slice(0, 8)}$${base64.slice(9)}`));
    expect(error.code).toBe('invalid-base64');
    expect(error.message).toBe(
      `Invalid base64: character "$" (U+0024) at offset 8 is outside the base64 alphabet (A-Z, a-z, 0-9, +, /). Expected padded standard base64 (RFC 4648 §4; ASCII whitespace is ignored); received ${JSON.stringify(`${base64.slice(0, 8)}$${base64.slice(9, 64)}`)}… (${base64.length} characters)`,
    );
  });

  it.each([
    ['URL-safe "-"', 'H4sI-AAA', 'character "-" (U+002D) at offset 4'],
    ['URL-safe "_"', 'H4sI_AAA', 'character "_" (U+005F) at offset 4'],
    ['missing padding', 'H4sIAA', 'it has 6 base64 characters, not a multiple of 4'],
    ['padding in the middle', 'H4==sIAA', '"s" at offset 4 follows "=" padding'],
    ['three "="', 'H4s===', '"=" at offset 5 follows "=" padding'],
    ['a non-ASCII letter', 'H4sIé', 'character "é" (U+00E9) at offset 4'],
  ])('rejects base64 with %s', (_name, text, problem) => {
    const error = catchDecodeError(() => decode(text));
    expect(error.code).toBe('invalid-base64');
    expect(error.message).toContain(problem);
  });

  it('rejects bytes that are not gzip, showing the first bytes in hex', () => {
    const error = catchDecodeError(() => decode(Buffer.from(json)));
    expect(error.code).toBe('invalid-gzip');
    expect(error.message).toBe(
      `Invalid gzip data: the payload does not start with the gzip magic bytes 1f 8b. Expected one or more complete gzip members (RFC 1952); received ${Buffer.byteLength(json)} bytes starting 7b 22 6d 65 73 73 61 67 65 54 79 70 65 22 3a 22 …`,
    );
  });

  it('rejects an empty payload', () => {
    expect(catchDecodeError(() => decode('')).message).toContain('received 0 bytes');
    expect(catchDecodeError(() => decode(new Uint8Array(0))).code).toBe('invalid-gzip');
  });

  it('rejects truncated gzip', () => {
    const bytes = gzipSync(json);
    for (const cut of [1, 4, 9, 20, bytes.length - 8, bytes.length - 1]) {
      expect(catchDecodeError(() => decode(bytes.subarray(0, cut))).code).toBe('invalid-gzip');
    }
  });

  it('rejects a CRC-32 or length mismatch in the trailer', () => {
    const bytes = gzipSync(json);
    const badCrc = Buffer.from(bytes);
    badCrc[bytes.length - 8] = (badCrc[bytes.length - 8] as number) ^ 1;
    const badLength = Buffer.from(bytes);
    badLength[bytes.length - 1] = (badLength[bytes.length - 1] as number) ^ 1;
    expect(catchDecodeError(() => decode(badCrc)).code).toBe('invalid-gzip');
    expect(catchDecodeError(() => decode(badLength)).code).toBe('invalid-gzip');
  });

  it.each([
    ['zero bytes', Buffer.alloc(4)],
    ['text', Buffer.from('garbage')],
    ['a truncated member', gzipSync('{}').subarray(0, 12)],
  ])('rejects %s after the last gzip member', (_name, extra) => {
    const error = catchDecodeError(() => decode(Buffer.concat([gzipSync(json), extra])));
    expect(error.code).toBe('invalid-gzip');
  });

  it('accepts a payload of exactly maxDecompressedBytes and rejects one byte more', () => {
    const size = Buffer.byteLength(json);
    expect(decode(base64, size)).toEqual(message);
    const error = catchDecodeError(() => decode(base64, size - 1));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      `Decompressed payload is too large: it exceeds maxDecompressedBytes (${size - 1} bytes), so inflating stopped at the cap; received ${gzipSync(json).length} bytes of gzip data`,
    );
  });

  it('rejects a 1 GiB gzip bomb quickly, holding at most about twice the cap', () => {
    const bomb = createZeroBomb(1024);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    const arrayBuffersBefore = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const error = catchDecodeError(() => decode(bomb));
    const elapsed = performance.now() - started;
    const growth = process.memoryUsage().arrayBuffers - arrayBuffersBefore;
    expect(error.code).toBe('too-large');
    // Inflating the whole GiB would take seconds with zlib and about a minute with fflate.
    expect(elapsed).toBeLessThan(inflater === 'node' ? 1_000 : 5_000);
    // Nothing has been garbage-collected yet, so this is everything the call allocated.
    expect(growth).toBeLessThan(2 * DEFAULT_MAX_DECOMPRESSED_BYTES);
  });

  it('rejects decompressed bytes that are not UTF-8', () => {
    const error = catchDecodeError(() => decode(gzipSync(Buffer.from([0x7b, 0xff, 0x7d]))));
    expect(error.code).toBe('invalid-json');
    expect(error.message).toBe(
      'Invalid JSON: the decompressed payload is not valid UTF-8. Expected a UTF-8 JSON document; received 3 bytes starting 7b ff 7d',
    );
  });

  it('rejects JSON with a byte-order mark', () => {
    const error = catchDecodeError(() => decode(gzipSync(`\uFEFF${json}`)));
    expect(error.code).toBe('invalid-json');
  });

  it('rejects text that is not JSON, quoting its start on one line', () => {
    const error = catchDecodeError(() => decode(gzipSync('not json\nat all')));
    expect(error.code).toBe('invalid-json');
    expect(error.message).toMatch(
      /^Invalid JSON: the decompressed payload is not a JSON document \(JSON\.parse reports ".+"\)\. Expected a CloudWatch Logs subscription message; received 15 bytes starting "not json\\nat all"$/,
    );
    expect(error.message).not.toContain('\n');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects JSON that is not a subscription message, naming the field', () => {
    const error = catchDecodeError(() =>
      decode(gzipSync(JSON.stringify({ ...message, logGroup: 7 }))),
    );
    expect(error.code).toBe('invalid-shape');
    expect(error.message).toBe(
      'Invalid subscription message: logGroup must be a string; received number 7',
    );
  });

  it.each([null, undefined, 42, {}, [], new ArrayBuffer(4)])(
    'rejects %s as input with invalid-input',
    (input) => {
      const error = catchDecodeError(() => decode(input));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(
        /^Invalid input: expected base64 text \(string\) or gzip bytes \(Uint8Array\); received /,
      );
    },
  );
});

describe('decodeSubscriptionMessage options', () => {
  it('uses node:zlib by default in Node.js and gives the same result as the portable inflater', () => {
    expect(decodeSubscriptionMessage(base64)).toEqual(
      decodeSubscriptionMessage(base64, { inflater: 'portable' }),
    );
  });

  it('caps at 16 MiB by default', () => {
    const justOver = createZeroBomb(17, true);
    const exactly = createZeroBomb(16, true);
    expect(catchDecodeError(() => decodeSubscriptionMessage(justOver)).code).toBe('too-large');
    // 16 MiB of zeros is within the cap; it fails later, as text that is not JSON.
    expect(catchDecodeError(() => decodeSubscriptionMessage(exactly)).code).toBe('invalid-json');
  });

  it.each([
    [
      { maxDecompressedBytes: 0 },
      'options.maxDecompressedBytes must be an integer from 1 to 1073741824; received number 0',
    ],
    [
      { maxDecompressedBytes: 1.5 },
      'options.maxDecompressedBytes must be an integer from 1 to 1073741824; received number 1.5',
    ],
    [
      { maxDecompressedBytes: 2 ** 31 },
      'options.maxDecompressedBytes must be an integer from 1 to 1073741824; received number 2147483648',
    ],
    [
      { maxDecompressedBytes: '1024' },
      'options.maxDecompressedBytes must be an integer from 1 to 1073741824; received string "1024"',
    ],
    [
      { inflater: 'zlib' },
      'options.inflater must be "auto", "node" or "portable"; received string "zlib"',
    ],
    ['fast', 'options must be an object when given; received string "fast"'],
  ])('rejects options %j with invalid-options', (options, problem) => {
    const error = catchDecodeError(() => decodeSubscriptionMessage(base64, options as never));
    expect(error.code).toBe('invalid-options');
    expect(error.message).toBe(`Invalid decode options: ${problem}`);
  });

  it('round-trips what encodeSubscriptionMessage produces', () => {
    expect(decodeSubscriptionMessage(encodeSubscriptionMessage(message))).toEqual(message);
  });
});
