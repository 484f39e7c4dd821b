import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeRequestBody } from './encode-request-body';

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
