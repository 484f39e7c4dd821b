import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { DecodeError } from './errors';
import type { SubscriptionMessage } from './subscription-message';

/**
 * Both inflaters, for tests that must hold for each of them.
 *
 * @example
 * ```ts
 * describe.each(INFLATERS)('with the %s inflater', (inflater) => { … });
 * ```
 */
export const INFLATERS = ['node', 'portable'] as const;

/**
 * A gzip member that inflates to `mebibytes` MiB of zeros from about 1 KiB per MiB: one deflate
 * block of 1 MiB zeros (byte-aligned by a full flush, referring only to its own output) repeated,
 * then an empty final block. Building a 1 GiB bomb this way takes milliseconds and no memory.
 * The trailer holds the true CRC-32 and length only when `validTrailer` is set (it costs
 * checksumming the whole output), which a bomb never needs: decoding must stop long before it.
 *
 * @example
 * ```ts
 * const bomb = createZeroBomb(1024); // ≈ 1 MiB of gzip → 1 GiB of zeros
 * ```
 */
export function createZeroBomb(mebibytes: number, validTrailer = false): Buffer {
  const mebibyte = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(mebibyte, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const trailer = Buffer.alloc(8);
  if (validTrailer) {
    let crc = 0;
    for (let index = 0; index < mebibytes; index++) crc = crc32(mebibyte, crc);
    trailer.writeUInt32LE(crc, 0);
    trailer.writeUInt32LE((mebibytes * 1024 * 1024) >>> 0, 4);
  }
  return Buffer.concat([
    Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]),
    ...Array.from({ length: mebibytes }, () => block),
    Buffer.from([0x03, 0x00]), // final, fixed-Huffman, empty block
    trailer,
  ]);
}

/**
 * Gzips `text` as several members, split at the given character offsets.
 *
 * @example
 * ```ts
 * gzipMembers('{"a":1}', [3]); // two members: '{"a' and '":1}'
 * ```
 */
export function gzipMembers(text: string, splitAt: readonly number[]): Buffer {
  const bounds = [0, ...splitAt, text.length];
  return Buffer.concat(
    bounds.slice(1).map((end, index) => gzipSync(text.slice(bounds[index], end))),
  );
}

/** The one-event DATA_MESSAGE the record-helper tests decode. Test-only. */
export const sampleDataMessage: SubscriptionMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'foo',
  logStream: 'stream-1',
  subscriptionFilters: ['logferry'],
  logEvents: [{ id: '1', timestamp: 1700000000000, message: 'ilikecats' }],
};

/**
 * Asserts that `run` throws a `DecodeError` with code `invalid-input` and exactly `text` as its
 * message. Test-only.
 *
 * @example
 * ```ts
 * expectInvalidInput(() => decodeFirehoseRecord({} as never), 'Invalid input: …');
 * ```
 */
export function expectInvalidInput(run: () => unknown, text: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecodeError);
  expect((caught as DecodeError).code).toBe('invalid-input');
  expect((caught as DecodeError).message).toBe(text);
}
