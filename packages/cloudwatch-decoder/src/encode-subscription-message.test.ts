import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeSubscriptionMessage } from './encode-subscription-message';
import type { SubscriptionMessage } from './subscription-message';

const message: SubscriptionMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'foo',
  logStream: 'stream-1',
  subscriptionFilters: ['logferry'],
  logEvents: [{ id: '1', timestamp: 1700000000000, message: 'ilikecats 🐈' }],
};

describe('encodeSubscriptionMessage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('produces base64 of gzip of the JSON, as CloudWatch Logs does', () => {
    const data = encodeSubscriptionMessage(message);
    expect(data).toMatch(/^H4sI[A-Za-z0-9+/]+={0,2}$/);
    expect(gunzipSync(Buffer.from(data, 'base64')).toString()).toBe(JSON.stringify(message));
  });

  it('produces the same kind of payload without node:zlib (fflate path)', async () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    vi.resetModules();
    const { encodeSubscriptionMessage: encodePortably } = await import(
      './encode-subscription-message'
    );
    const data = encodePortably(message);
    vi.unstubAllGlobals();
    expect(data).toMatch(/^H4sI/);
    expect(gunzipSync(Buffer.from(data, 'base64')).toString()).toBe(JSON.stringify(message));
    // mtime is 0, so the same message always encodes to the same bytes.
    expect(Buffer.from(data, 'base64').readUInt32LE(4)).toBe(0);
  });
});
