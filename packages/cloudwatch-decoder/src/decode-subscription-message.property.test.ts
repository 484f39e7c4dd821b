import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeOptions } from './decode-options';
import { decodeSubscriptionMessage } from './decode-subscription-message';
import { encodeSubscriptionMessage } from './encode-subscription-message';
import { DecodeError } from './errors';
import type { SubscriptionMessage } from './subscription-message';
import { INFLATERS } from './test-support';

// Any UTF-16 text: full code points, lone surrogates (JSON.stringify escapes them) and the
// control characters JSON must escape.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
  fc.constant(''),
);
// Up to ~1 MiB: the largest single event CloudWatch Logs accepts.
const hugeText = fc
  .tuple(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
    fc.integer({ min: 1, max: 1 << 17 }),
  )
  .map(([unit, times]) => unit.repeat(times));

const logEvent = (message: fc.Arbitrary<string>) =>
  fc.record(
    {
      id: fc.oneof(fc.stringMatching(/^\d{56}$/), fc.constant('')),
      timestamp: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      message,
      extractedFields: fc.dictionary(anyText, anyText, { maxKeys: 5 }),
    },
    { requiredKeys: ['id', 'timestamp', 'message'] },
  );

const subscriptionMessage = (message: fc.Arbitrary<string>, maxEvents: number) =>
  fc
    .record(
      {
        messageType: fc.constantFrom('DATA_MESSAGE', 'CONTROL_MESSAGE'),
        owner: anyText,
        logGroup: anyText,
        logStream: anyText,
        subscriptionFilters: fc.array(anyText, { maxLength: 3 }),
        logEvents: fc.array(logEvent(message), { maxLength: maxEvents }),
        policyLevel: fc.constant('ACCOUNT_LEVEL_POLICY'),
        futureField: fc.jsonValue({ maxDepth: 2 }),
      },
      {
        requiredKeys: [
          'messageType',
          'owner',
          'logGroup',
          'logStream',
          'subscriptionFilters',
          'logEvents',
        ],
      },
    )
    .map((value) => value as SubscriptionMessage);

function decodeOutcome(input: unknown, options: DecodeOptions): string {
  try {
    return `ok ${JSON.stringify(decodeSubscriptionMessage(input as string, options))}`;
  } catch (error) {
    // Anything but a DecodeError fails the property.
    if (!(error instanceof DecodeError)) throw error;
    return `error ${error.code}`;
  }
}

describe.each(INFLATERS)('decodeSubscriptionMessage properties, %s inflater', (inflater) => {
  const options = { inflater } as const;

  it('decodes exactly what encodeSubscriptionMessage encodes (unicode, empty, unknown fields)', () => {
    fc.assert(
      fc.property(subscriptionMessage(anyText, 20), (message) => {
        expect(decodeSubscriptionMessage(encodeSubscriptionMessage(message), options)).toEqual(
          JSON.parse(JSON.stringify(message)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips very large messages', () => {
    fc.assert(
      fc.property(subscriptionMessage(hugeText, 3), (message) => {
        expect(decodeSubscriptionMessage(encodeSubscriptionMessage(message), options)).toEqual(
          JSON.parse(JSON.stringify(message)),
        );
      }),
      { numRuns: 15 },
    );
  });

  it('throws only DecodeError for arbitrary bytes, gzip-looking bytes and arbitrary strings', () => {
    const gzipLooking = fc
      .uint8Array({ maxLength: 300 })
      .map((tail) => Uint8Array.from([0x1f, 0x8b, 0x08, ...tail]));
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 300 }), gzipLooking, fc.string(), fc.base64String()),
        (input) => {
          expect(decodeOutcome(input, options)).toMatch(/^error /);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('throws only DecodeError (or decodes) for any gzipped JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(decodeOutcome(gzipSync(JSON.stringify(value) ?? 'null'), options)).toMatch(
          /^(error invalid-shape|ok )/,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('rejects every truncation of a valid payload with a DecodeError', () => {
    fc.assert(
      fc.property(subscriptionMessage(anyText, 5), fc.nat(), (message, cut) => {
        const data = encodeSubscriptionMessage(message);
        const bytes = Buffer.from(data, 'base64');
        expect(decodeOutcome(bytes.subarray(0, cut % bytes.length), options)).toBe(
          'error invalid-gzip',
        );
        expect(decodeOutcome(data.slice(0, cut % data.length), options)).toMatch(
          /^error invalid-(base64|gzip)$/,
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeSubscriptionMessage inflater parity', () => {
  it('gives the same result for corrupted payloads with node:zlib and fflate', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('append' as const),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }),
      }),
      fc.record({ kind: fc.constant('split' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(
        subscriptionMessage(anyText, 4),
        fc.integer({ min: 0, max: 9 }),
        mutation,
        (message, level, change) => {
          const json = JSON.stringify(message);
          let bytes: Buffer = gzipSync(json, { level });
          if (change.kind === 'flip') {
            bytes = Buffer.from(bytes);
            const at = change.at % bytes.length;
            bytes[at] = (bytes[at] as number) ^ (1 << change.bit);
          } else if (change.kind === 'truncate') {
            bytes = bytes.subarray(0, change.at % bytes.length);
          } else if (change.kind === 'append') {
            bytes = Buffer.concat([bytes, change.bytes]);
          } else {
            const at = change.at % (json.length + 1);
            bytes = Buffer.concat([gzipSync(json.slice(0, at)), gzipSync(json.slice(at))]);
          }
          const node = decodeOutcome(bytes, { inflater: 'node' });
          const portable = decodeOutcome(bytes, { inflater: 'portable' });
          if (node.startsWith('ok') || node !== 'error invalid-gzip') {
            expect(portable).toBe(node);
          } else {
            // zlib also rejects a few malformed-but-harmless encodings (a stored block's length
            // complement, incomplete Huffman code sets) that fflate decodes; fflate's output
            // still had to pass the CRC-32 and length checks.
            expect(portable === node || portable.startsWith('ok')).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
