import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRequestBody } from './encode-request-body';
import { measureBody } from './measure-body';

// Any code points, lone surrogates included: JSON.stringify escapes those, so they survive.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const eventObject = fc.dictionary(
  text,
  fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)),
  {
    maxKeys: 5,
  },
);

describe('encodeRequestBody (property)', () => {
  it('writes exactly measureBody bytes that parse back to the same events', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ndjson' as const, 'json-array' as const),
        fc.array(eventObject, { minLength: 1, maxLength: 20 }),
        (format, objects) => {
          const events = objects.map((object) => {
            const json = JSON.stringify(object);
            return { json, bytes: Buffer.byteLength(json) };
          });
          const body = encodeRequestBody(format, events);
          const eventBytes = events.reduce((total, event) => total + event.bytes, 0);
          expect(body.length).toBe(measureBody(format, events.length, eventBytes));
          const textBody = body.toString('utf8');
          const parsed =
            format === 'json-array'
              ? (JSON.parse(textBody) as unknown[])
              : textBody.endsWith('\n')
                ? textBody
                    .slice(0, -1)
                    .split('\n')
                    .map((line) => JSON.parse(line) as unknown)
                : ['missing final newline'];
          expect(parsed).toEqual(objects);
        },
      ),
      { numRuns: 300 },
    );
  });
});
