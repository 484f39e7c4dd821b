import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gzipSizeBound } from './gzip-size-bound';

describe('gzipSizeBound', () => {
  it('is never below the gzip size of random (incompressible) bytes, at any level (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 0, max: 9 }),
        (size, level) => {
          expect(gzipSync(randomBytes(size), { level }).byteLength).toBeLessThanOrEqual(
            gzipSizeBound(size),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('adds little: 1 KiB of input is bounded by 1024 + 39 bytes', () => {
    expect(gzipSizeBound(1024)).toBe(1024 + 39);
  });
});
