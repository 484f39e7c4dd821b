import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCrc32 } from './compute-crc32';

describe('computeCrc32', () => {
  it('matches the CRC-32 check value and the empty input', () => {
    expect(computeCrc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(computeCrc32(new Uint8Array(0))).toBe(0);
  });

  it('equals zlib.crc32 for any bytes, also when continued chunk by chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, split) => {
        const at = Math.min(split, bytes.length);
        expect(computeCrc32(bytes)).toBe(crc32(bytes));
        expect(computeCrc32(bytes.subarray(at), computeCrc32(bytes.subarray(0, at)))).toBe(
          crc32(bytes),
        );
      }),
      { numRuns: 500 },
    );
  });
});
