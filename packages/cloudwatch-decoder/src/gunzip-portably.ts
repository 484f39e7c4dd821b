import { Gunzip } from 'fflate';
import { computeCrc32 } from './compute-crc32';
import { createTooLargeError } from './create-too-large-error';
import { describeBytes, describeCause } from './describe-received';
import { DecodeError } from './errors';
import { readGzipHeader } from './read-gzip-header';

/** Deflate's best case: one 258-byte match per ~2 bits, about 1032 output bytes per input byte. */
const MAX_DEFLATE_RATIO = 1032;
/** One slice may inflate to at most a quarter of the cap (fflate briefly holds ~3× a slice). */
const SLICES_PER_CAP = 4;
const MIN_SLICE_BYTES = 256;
const TRAILER_BYTES = 8;

interface MemberProgress {
  readonly start: number;
  readonly headerLength: number;
  crc: number;
  size: number;
}

/**
 * Inflates one or more concatenated gzip members with fflate (pure JavaScript), stopping as
 * soon as the output passes `maxDecompressedBytes`.
 *
 * The input is pushed in slices of `maxDecompressedBytes / (4 × 1032)` bytes, so one slice can
 * never inflate to more than a quarter of the cap: peak memory stays under about twice the cap
 * even for a gzip bomb.
 * fflate does not check member trailers, so each member's CRC-32 and length are verified here,
 * and its headers are validated like zlib does, to reject exactly what `node:zlib` rejects.
 *
 * @example
 * ```ts
 * const json = new TextDecoder().decode(gunzipPortably(gzipBytes, 16 * 1024 * 1024));
 * ```
 */
export function gunzipPortably(input: Uint8Array, maxDecompressedBytes: number): Uint8Array {
  const members: MemberProgress[] = [];
  let current: MemberProgress = {
    start: 0,
    headerLength: readGzipHeader(input, 0),
    crc: 0,
    size: 0,
  };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const gunzip = new Gunzip((chunk) => {
    if (chunk.length === 0) return;
    total += chunk.length;
    if (total > maxDecompressedBytes) throw createTooLargeError(maxDecompressedBytes, input.length);
    current.crc = computeCrc32(chunk, current.crc);
    current.size += chunk.length;
    chunks.push(chunk);
  });
  gunzip.onmember = (offset) => {
    members.push(current);
    current = { start: offset, headerLength: readGzipHeader(input, offset), crc: 0, size: 0 };
  };
  const sliceBytes = Math.max(
    MIN_SLICE_BYTES,
    Math.floor(maxDecompressedBytes / (MAX_DEFLATE_RATIO * SLICES_PER_CAP)),
  );
  try {
    for (let offset = 0; offset < input.length; offset += sliceBytes) {
      const end = Math.min(offset + sliceBytes, input.length);
      gunzip.push(input.subarray(offset, end), end === input.length);
    }
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    throw new DecodeError(
      `Invalid gzip data: the deflate stream is corrupt or truncated (fflate reports ${describeCause(error)}). Expected one or more complete gzip members (RFC 1952); received ${describeBytes(input)}`,
      { code: 'invalid-gzip', cause: error },
    );
  }
  members.push(current);
  members.forEach((member, index) => {
    verifyTrailer(input, member, members[index + 1]?.start ?? input.length, index);
  });
  return concatenate(chunks, total);
}

function verifyTrailer(
  input: Uint8Array,
  member: MemberProgress,
  end: number,
  index: number,
): void {
  const fail = (problem: string): never => {
    throw new DecodeError(
      `Invalid gzip data: ${problem} in member ${index} (starting at offset ${member.start}). Expected one or more complete gzip members with matching CRC-32 and length; received ${describeBytes(input)}`,
      { code: 'invalid-gzip' },
    );
  };
  const trailer = end - TRAILER_BYTES;
  // A member needs at least its header, an empty deflate block (2 bytes) and the trailer.
  if (trailer < member.start + member.headerLength + 2) fail('the data ends before the trailer');
  if (readUint32(input, trailer) !== member.crc) {
    fail('the CRC-32 does not match (the data is corrupt, truncated or followed by extra bytes)');
  }
  if (readUint32(input, trailer + 4) !== member.size >>> 0) {
    fail('the length does not match (the data is corrupt, truncated or followed by extra bytes)');
  }
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16)) +
    bytes[offset + 3]! * 0x1000000
  );
}

function concatenate(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const output = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    output.set(chunk, offset);
    offset += chunk.length;
  }
  return output;
}
