import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gzipSizeBound } from './gzip-size-bound';
import { packGzipParts } from './pack-gzip-parts';

function incompressibleLine(bytes: number, seed: string): Buffer {
  let text = '';
  let block = createHash('sha512').update(seed).digest();
  while (text.length < bytes - 1) {
    text += block.toString('base64');
    block = createHash('sha512').update(block).digest();
  }
  return Buffer.from(`${text.slice(0, bytes - 1)}\n`);
}

describe('packGzipParts', () => {
  it('keeps all lines in one body when they fit', async () => {
    const lines = ['{"a":1}\n', '{"a":2}\n'].map((line) => Buffer.from(line));
    const parts = await packGzipParts(lines, 1024);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ start: 0, end: 2 });
    expect(gunzipSync(parts[0]!.body).toString()).toBe('{"a":1}\n{"a":2}\n');
  });

  it('splits at the byte midpoint until every part fits', async () => {
    const lines = Array.from({ length: 12 }, (_, index) =>
      incompressibleLine(1000, `line-${index}`),
    );
    const parts = await packGzipParts(lines, 4096);
    expect(parts.map((part) => [part.start, part.end])).toEqual([
      [0, 3],
      [3, 6],
      [6, 9],
      [9, 12],
    ]);
    for (const part of parts) expect(part.body.byteLength).toBeLessThanOrEqual(4096);
  });

  it('returns a single line larger than the limit as its own part', async () => {
    const lines = [Buffer.from('small\n'), incompressibleLine(3000, 'big'), Buffer.from('small\n')];
    const parts = await packGzipParts(lines, 1024);
    expect(parts.map((part) => [part.start, part.end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(parts[1]!.body.byteLength).toBeGreaterThan(1024);
  });

  it('returns no parts for no lines', async () => {
    expect(await packGzipParts([], 1024)).toEqual([]);
  });

  it('covers every line once, in order, within the limit, and the same way every time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc
              .string({ maxLength: 300 })
              .map((text) => Buffer.from(`${text.replaceAll('\n', ' ')}\n`)),
            fc.integer({ min: 1, max: 1500 }).map((size) => incompressibleLine(size, String(size))),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1024, max: 8192 }),
        async (lines, limit) => {
          const parts = await packGzipParts(lines, limit);
          let next = 0;
          for (const part of parts) {
            expect(part.start).toBe(next);
            expect(part.end).toBeGreaterThan(part.start);
            next = part.end;
            expect(
              gunzipSync(part.body).equals(Buffer.concat(lines.slice(part.start, part.end))),
            ).toBe(true);
            if (part.end - part.start > 1) expect(part.body.byteLength).toBeLessThanOrEqual(limit);
            else if (gzipSizeBound(lines[part.start]!.byteLength) <= limit) {
              expect(part.body.byteLength).toBeLessThanOrEqual(limit);
            }
          }
          expect(next).toBe(lines.length);
          const again = await packGzipParts(lines, limit);
          expect(again.map((part) => part.body.toString('base64'))).toEqual(
            parts.map((part) => part.body.toString('base64')),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
