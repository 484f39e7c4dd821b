import { describe, expect, it } from 'vitest';
import { createEncodedOperation } from './create-encoded-operation';

describe('createEncodedOperation', () => {
  it('measures the text in UTF-8 bytes', () => {
    expect(createEncodedOperation('{"index":{"_index":"logs"}}\n{"message":"é"}\n')).toEqual({
      text: '{"index":{"_index":"logs"}}\n{"message":"é"}\n',
      byteLength: 45,
    });
  });

  it('escapes U+2028/U+2029 and measures the escaped text', () => {
    const encoded = createEncodedOperation('{"index":{"_index":"logs"}}\n{"m":"\u2028"}\n');
    expect(encoded.text).toBe('{"index":{"_index":"logs"}}\n{"m":"\\u2028"}\n');
    expect(encoded.byteLength).toBe(encoded.text.length);
  });
});
