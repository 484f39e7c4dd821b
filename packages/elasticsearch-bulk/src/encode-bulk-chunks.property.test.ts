import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BulkOperation } from './bulk-operation';
import { encodeBulkChunks } from './encode-bulk-chunks';
import { encodeBulkOperation } from './encode-bulk-operation';

const textOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** Text made to break line-based formats: newlines, line separators, quotes, lone surrogates. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\n',
      '\r',
      '\u2028',
      '\u2029',
      '"',
      '\\',
      '\ud800',
      '\udfff',
      '\u0000',
      'é',
      '📦',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

const operationArbitrary: fc.Arbitrary<BulkOperation> = fc.record(
  {
    action: fc.constantFrom('index', 'create'),
    index: fc.string({ minLength: 1, maxLength: 12 }),
    id: fc.string({ minLength: 1, maxLength: 20 }),
    pipeline: fc.string({ minLength: 1, maxLength: 8 }),
    source: fc.dictionary(hostileText, fc.oneof(hostileText, fc.jsonValue({ maxDepth: 2 })), {
      maxKeys: 4,
    }),
  },
  { requiredKeys: ['action', 'index', 'source'] },
);

const optionsArbitrary = fc.record({
  maxBytes: fc.integer({ min: 60, max: 800 }),
  maxOperations: fc.integer({ min: 1, max: 6 }),
});

describe('encodeBulkChunks (properties)', () => {
  it('puts every operation in exactly one chunk or reports it oversized, with chunks within both limits', () => {
    fc.assert(
      fc.property(
        fc.array(operationArbitrary, { maxLength: 25 }),
        optionsArbitrary,
        (operations, options) => {
          const seen: number[] = [];
          for (const result of encodeBulkChunks(operations, options)) {
            expect(result.kind).not.toBe('invalid');
            if (result.kind === 'oversized') {
              expect(result.byteLength).toBeGreaterThan(options.maxBytes);
              expect(result.byteLength).toBe(Buffer.byteLength(result.operation.text));
              seen.push(result.operationIndex);
            } else if (result.kind === 'chunk') {
              expect(result.operationIndices.length).toBeGreaterThan(0);
              expect(result.operationIndices.length).toBeLessThanOrEqual(options.maxOperations);
              expect(result.byteLength).toBeLessThanOrEqual(options.maxBytes);
              expect(result.byteLength).toBe(result.bytes.byteLength);
              // Each operation sits at its recorded place, byte for byte.
              expect(result.operationEnds).toHaveLength(result.operationIndices.length);
              result.operationIndices.forEach((operationIndex, position) => {
                const start = position === 0 ? 0 : result.operationEnds[position - 1]!;
                expect(textOf(result.bytes.subarray(start, result.operationEnds[position]))).toBe(
                  encodeBulkOperation(operations[operationIndex]!).text,
                );
              });
              expect(result.operationEnds.at(-1)).toBe(result.byteLength);
              seen.push(...result.operationIndices);
            }
          }
          expect([...seen].sort((left, right) => left - right)).toEqual([...operations.keys()]);
        },
      ),
    );
  });

  it('keeps input order within and across chunks', () => {
    fc.assert(
      fc.property(
        fc.array(operationArbitrary, { maxLength: 25 }),
        optionsArbitrary,
        (operations, options) => {
          const chunkIndices: number[] = [];
          for (const result of encodeBulkChunks(operations, options)) {
            if (result.kind === 'chunk') chunkIndices.push(...result.operationIndices);
          }
          expect(chunkIndices).toEqual([...chunkIndices].sort((left, right) => left - right));
        },
      ),
    );
  });

  it('round-trips: every body splits on \\n into action/source line pairs that parse back to the operations', () => {
    fc.assert(
      fc.property(fc.array(operationArbitrary, { minLength: 1, maxLength: 12 }), (operations) => {
        const decoded: { action: unknown; source: unknown }[] = [];
        for (const result of encodeBulkChunks(operations, { maxBytes: 1_000_000 })) {
          if (result.kind !== 'chunk') throw new Error(`unexpected ${result.kind}`);
          const body = textOf(result.bytes);
          expect(body.endsWith('\n')).toBe(true);
          expect(body).not.toMatch(/[\u2028\u2029]/);
          const lines = body.split('\n');
          expect(lines.pop()).toBe('');
          expect(lines).toHaveLength(result.operationIndices.length * 2);
          for (let line = 0; line < lines.length; line += 2) {
            decoded.push({
              action: JSON.parse(lines[line]!),
              source: JSON.parse(lines[line + 1]!),
            });
          }
        }
        expect(decoded).toEqual(
          operations.map((operation) => ({
            action: {
              [operation.action]: {
                _index: operation.index,
                ...(operation.id === undefined ? {} : { _id: operation.id }),
                ...(operation.pipeline === undefined ? {} : { pipeline: operation.pipeline }),
              },
            },
            source: JSON.parse(JSON.stringify(operation.source)),
          })),
        );
      }),
    );
  });
});
