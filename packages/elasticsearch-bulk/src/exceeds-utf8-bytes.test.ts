import { describe, expect, it } from 'vitest';
import { exceedsUtf8Bytes } from './exceeds-utf8-bytes';

describe('exceedsUtf8Bytes', () => {
  it('compares UTF-8 size, measuring only long strings', () => {
    expect(exceedsUtf8Bytes('e'.repeat(512), 512)).toBe(false);
    expect(exceedsUtf8Bytes('e'.repeat(513), 512)).toBe(true);
    expect(exceedsUtf8Bytes('é'.repeat(256), 512)).toBe(false);
    expect(exceedsUtf8Bytes('é'.repeat(257), 512)).toBe(true);
  });
});
