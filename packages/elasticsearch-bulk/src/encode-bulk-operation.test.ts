import { describe, expect, it } from 'vitest';
import type { BulkOperation } from './bulk-operation';
import { encodeBulkOperation } from './encode-bulk-operation';
import { BulkError } from './errors';

function expectInvalid(operation: unknown, messagePart: string): BulkError {
  let caught: unknown;
  try {
    encodeBulkOperation(operation as BulkOperation);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BulkError);
  const error = caught as BulkError;
  expect(error.code).toBe('invalid-operation');
  expect(error.retryable).toBe(false);
  expect(error.message).toContain(messagePart);
  return error;
}

describe('encodeBulkOperation', () => {
  it('writes the action line and the source line, each ending in a newline', () => {
    const encoded = encodeBulkOperation({
      action: 'create',
      index: 'logs',
      id: '1',
      source: { message: 'hi' },
    });
    expect(encoded.text).toBe('{"create":{"_index":"logs","_id":"1"}}\n{"message":"hi"}\n');
    expect(encoded.byteLength).toBe(56);
  });

  it('omits _id when there is none and adds the pipeline', () => {
    const encoded = encodeBulkOperation({
      action: 'index',
      index: 'logs',
      pipeline: 'cloudwatch',
      source: { a: 1 },
    });
    expect(encoded.text).toBe('{"index":{"_index":"logs","pipeline":"cloudwatch"}}\n{"a":1}\n');
  });

  it('escapes line breaks and U+2028/U+2029 so every value stays on its line', () => {
    const encoded = encodeBulkOperation({
      action: 'create',
      index: 'logs',
      id: 'a\u2028b',
      source: { message: 'one\ntwo\r\nthree\u2028four\u2029five' },
    });
    expect(encoded.text).toBe(
      '{"create":{"_index":"logs","_id":"a\\u2028b"}}\n{"message":"one\\ntwo\\r\\nthree\\u2028four\\u2029five"}\n',
    );
    expect(encoded.byteLength).toBe(Buffer.byteLength(encoded.text));
    const lines = encoded.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1]!)).toEqual({ message: 'one\ntwo\r\nthree\u2028four\u2029five' });
  });

  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    const encoded = encodeBulkOperation({ action: 'create', index: 'logs', source: { m: 'é📦' } });
    expect(encoded.text.length).toBe(41);
    expect(encoded.byteLength).toBe(44);
  });

  it('writes lone surrogates as escapes, so the bytes are valid UTF-8', () => {
    const encoded = encodeBulkOperation({
      action: 'create',
      index: 'logs',
      source: { m: 'a\ud800b' },
    });
    expect(encoded.text).toBe('{"create":{"_index":"logs"}}\n{"m":"a\\ud800b"}\n');
    expect(encoded.byteLength).toBe(encoded.text.length);
  });

  it('accepts an id of exactly 512 bytes and refuses 513', () => {
    expect(
      encodeBulkOperation({ action: 'create', index: 'logs', id: 'x'.repeat(512), source: {} })
        .text,
    ).toContain(`"_id":"${'x'.repeat(512)}"`);
    expectInvalid(
      { action: 'create', index: 'logs', id: 'é'.repeat(257), source: {} },
      'at most 512 UTF-8 bytes',
    );
  });

  it('refuses a bad action, index, id or pipeline with a message naming the rule and the value', () => {
    expectInvalid(null, 'must be an object; received null');
    expectInvalid(
      { action: 'update', index: 'logs', source: {} },
      'must be "create" or "index"; received "update"',
    );
    expectInvalid(
      { action: 'create', index: '', source: {} },
      'index must be a non-empty string; received ""',
    );
    expectInvalid({ action: 'create', index: 'logs', id: '', source: {} }, 'received ""');
    expectInvalid({ action: 'create', index: 'logs', id: 7, source: {} }, 'received 7');
    expectInvalid(
      { action: 'create', index: 'logs', pipeline: '', source: {} },
      'pipeline must be a non-empty string',
    );
  });

  it('refuses sources that are not plain JSON objects', () => {
    expectInvalid({ action: 'create', index: 'logs', source: [1, 2] }, 'must be a plain object');
    expectInvalid({ action: 'create', index: 'logs', source: 'text' }, 'received "text"');
    expectInvalid({ action: 'create', index: 'logs', source: null }, 'received null');
    expectInvalid(
      { action: 'create', index: 'logs', source: { toJSON: () => undefined } },
      'must serialize to a JSON object; it serialized to undefined',
    );
    expectInvalid(
      { action: 'create', index: 'logs', source: { toJSON: () => [1] } },
      'it serialized to "[1]"',
    );
  });

  it('keeps the serialization error as the cause for circular sources and BigInts', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const circularError = expectInvalid(
      { action: 'create', index: 'logs', source: circular },
      'must be JSON-serializable (no cycles, no BigInt); serializing the document for index "logs" failed',
    );
    expect(circularError.cause).toBeInstanceOf(TypeError);
    const bigintError = expectInvalid(
      { action: 'create', index: 'logs', source: { n: 1n } },
      'JSON-serializable',
    );
    expect(bigintError.cause).toBeInstanceOf(TypeError);
  });
});
