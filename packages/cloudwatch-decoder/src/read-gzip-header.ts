import { computeCrc32 } from './compute-crc32';
import { describeBytes } from './describe-received';
import { DecodeError } from './errors';

const FLAG_HEADER_CRC = 0x02;
const FLAG_EXTRA = 0x04;
const FLAG_NAME = 0x08;
const FLAG_COMMENT = 0x10;
const FLAGS_RESERVED = 0xe0;

/**
 * Validates the gzip member header (RFC 1952 §2.3) that starts at `offset` and returns its
 * length. Checks what zlib checks, so the portable inflater rejects the same headers as
 * `node:zlib`: the magic bytes, deflate as the method, no reserved flags, in-bounds optional
 * fields and, when present, the header CRC-16.
 *
 * @example
 * ```ts
 * readGzipHeader(gzipBytes, 0); // 10 for a header without optional fields
 * ```
 */
export function readGzipHeader(input: Uint8Array, offset: number): number {
  const fail = (problem: string): never => {
    throw new DecodeError(
      `Invalid gzip data: ${problem} in the member header at offset ${offset}. Expected one or more complete gzip members (RFC 1952); received ${describeBytes(input)}`,
      { code: 'invalid-gzip' },
    );
  };
  if (input.length - offset < 10) fail('the data ends');
  if (input[offset] !== 0x1f || input[offset + 1] !== 0x8b) fail('the magic bytes are not 1f 8b');
  if (input[offset + 2] !== 8) fail(`compression method ${input[offset + 2]} is not deflate (8)`);
  const flags = input[offset + 3]!;
  if ((flags & FLAGS_RESERVED) !== 0) fail('reserved flag bits are set');
  let position = offset + 10;
  if ((flags & FLAG_EXTRA) !== 0) {
    if (position + 2 > input.length) fail('the data ends inside the extra field');
    position += 2 + (input[position]! | (input[position + 1]! << 8));
    if (position > input.length) fail('the data ends inside the extra field');
  }
  for (const flag of [FLAG_NAME, FLAG_COMMENT]) {
    if ((flags & flag) === 0) continue;
    const terminator = input.indexOf(0, position);
    if (terminator === -1) fail('the data ends inside the file name or comment');
    position = terminator + 1;
  }
  if ((flags & FLAG_HEADER_CRC) !== 0) {
    if (position + 2 > input.length) fail('the data ends inside the header CRC');
    const expected = input[position]! | (input[position + 1]! << 8);
    if ((computeCrc32(input.subarray(offset, position)) & 0xffff) !== expected) {
      fail('the header CRC does not match');
    }
    position += 2;
  }
  return position - offset;
}
