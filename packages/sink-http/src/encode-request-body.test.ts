import { describe, expect, it } from 'vitest';
import { encodeRequestBody } from './encode-request-body';

const events = [
  { json: '{"message":"é"}', bytes: 16 },
  { json: '{"message":"a\\nb"}', bytes: 18 },
];

describe('encodeRequestBody', () => {
  it('ends every NDJSON line with a newline', () => {
    expect(encodeRequestBody('ndjson', events).toString('utf8')).toBe(
      '{"message":"é"}\n{"message":"a\\nb"}\n',
    );
  });

  it('joins a JSON array with commas inside brackets', () => {
    expect(encodeRequestBody('json-array', events).toString('utf8')).toBe(
      '[{"message":"é"},{"message":"a\\nb"}]',
    );
    expect(encodeRequestBody('json-array', [events[0]!]).toString('utf8')).toBe(
      '[{"message":"é"}]',
    );
  });
});
