import { crc32, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeRequestBody } from './encode-request-body';

// The number of pieces follows the CPU count; fix it so the tests do not depend on the machine.
const parallelism = vi.hoisted(() => ({ value: 4 }));
vi.mock('node:os', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:os')>()),
  availableParallelism: () => parallelism.value,
}));

const ndjson = `${'{"create":{"_index":"cwl-2024.06.01","_id":"1"}}\n{"message":"GET /orders 200 12ms ü"}\n'.repeat(50)}`;

describe('encodeRequestBody', () => {
  it('sends the UTF-8 bytes as they are without compression', async () => {
    const body = await encodeRequestBody(ndjson, 'none', 3);
    expect(body.contentEncoding).toBeUndefined();
    expect(Buffer.from(body.bytes).equals(Buffer.from(ndjson, 'utf8'))).toBe(true);
  });

  it('gzips, and the bytes decompress to the NDJSON', async () => {
    const body = await encodeRequestBody(ndjson, 'gzip', 3);
    expect(body.contentEncoding).toBe('gzip');
    expect(body.bytes.byteLength).toBeLessThan(Buffer.byteLength(ndjson) / 10);
    expect(gunzipSync(body.bytes).toString('utf8')).toBe(ndjson);
  });

  it('compresses harder at a higher level', async () => {
    const fast = await encodeRequestBody(ndjson.repeat(20), 'gzip', 1);
    const small = await encodeRequestBody(ndjson.repeat(20), 'gzip', 9);
    expect(small.bytes.byteLength).toBeLessThan(fast.bytes.byteLength);
  });

  it('sends the original when gzip would not make it smaller', async () => {
    const tiny = '{}\n';
    const body = await encodeRequestBody(tiny, 'gzip', 9);
    expect(body.contentEncoding).toBeUndefined();
    expect(Buffer.from(body.bytes).toString('utf8')).toBe(tiny);
  });
});

// Many distinct lines (ids, hex, multi-byte text) so the body is neither trivial nor random.
function buildLargeNdjson(byteTarget: number): string {
  const lines: string[] = [];
  let bytes = 0;
  for (let index = 0; bytes < byteTarget; index += 1) {
    const line = `{"create":{"_index":"cwl-2024.06.01","_id":"${index}"}}\n{"message":"order ${(index * 2_654_435_761) >>> 0} ${(index * 40_503).toString(16)} ü€ took ${index % 997} ms"}\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  return lines.join('');
}

describe('encodeRequestBody on large bodies', () => {
  const large = buildLargeNdjson(2 * 1024 * 1024);
  const plain = Buffer.from(large, 'utf8');

  afterEach(() => {
    parallelism.value = 4;
  });

  it('compresses in pieces into one gzip member whose deflate stream, CRC-32 and size are those of the whole body', async () => {
    const body = await encodeRequestBody(large, 'gzip', 3);
    const bytes = Buffer.from(body.bytes);
    expect(body.contentEncoding).toBe('gzip');
    // Our own header (OS byte 0xff) shows the pieces path was taken; zlib's says 3 (Unix).
    expect([...bytes.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    // One raw deflate stream from header to trailer: inflating it alone gives back every byte, so
    // a decoder that reads only the first gzip member still gets the whole body.
    expect(inflateRawSync(bytes.subarray(10, -8)).equals(plain)).toBe(true);
    expect(bytes.readUInt32LE(bytes.length - 8)).toBe(crc32(plain));
    expect(bytes.readUInt32LE(bytes.length - 4)).toBe(plain.length);
    expect(gunzipSync(bytes).equals(plain)).toBe(true);
  });

  it('keeps the ratio of a single stream, because each piece is primed with the previous 32 KiB', async () => {
    // 16 KiB of hex noise repeated: each piece alone would have to spell it out again (about 8 KiB
    // each); primed with the bytes before it, a piece is only back-references.
    let noise = '';
    for (let seed = 1; noise.length < 16 * 1024; seed = (seed * 48_271) % 2_147_483_647) {
      noise += seed.toString(16);
    }
    const repeated = `{"message":"${noise.slice(0, 16 * 1024)}"}\n`.repeat(128);
    const body = await encodeRequestBody(repeated, 'gzip', 3);
    const single = gzipSync(Buffer.from(repeated), { level: 3 });
    expect(body.bytes[9]).toBe(0xff);
    expect(body.bytes.byteLength).toBeLessThan(single.length * 1.05);
    expect(gunzipSync(body.bytes).toString('utf8')).toBe(repeated);
  });

  it('compresses as one stream, byte for byte what zlib writes, with a single CPU', async () => {
    parallelism.value = 1;
    const body = await encodeRequestBody(large, 'gzip', 3);
    expect(Buffer.from(body.bytes).equals(gzipSync(plain, { level: 3 }))).toBe(true);
  });

  it('compresses as one stream when the caller asks for no parallel pieces', async () => {
    const body = await encodeRequestBody(plain, 'gzip', 3, false);
    expect(Buffer.from(body.bytes).equals(gzipSync(plain, { level: 3 }))).toBe(true);
  });

  it('compresses as one stream when the body is under two pieces of 256 KiB', async () => {
    const small = buildLargeNdjson(400 * 1024);
    const body = await encodeRequestBody(small, 'gzip', 1);
    expect(Buffer.from(body.bytes).equals(gzipSync(Buffer.from(small), { level: 1 }))).toBe(true);
  });
});
