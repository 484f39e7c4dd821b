import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BulkResponseError } from './errors';
import { parseBulkResponse } from './parse-bulk-response';

const errorTypes = fc.constantFrom(
  undefined,
  'mapper_parsing_exception',
  'document_parsing_exception',
  'illegal_argument_exception',
  'version_conflict_engine_exception',
  'es_rejected_execution_exception',
  'rejected_execution_exception',
  'circuit_breaking_exception',
  'cluster_block_exception',
  'security_exception',
  'index_not_found_exception',
);

const item = fc.record({
  action: fc.constantFrom('create', 'index'),
  status: fc.oneof(
    fc.constantFrom(200, 201, 400, 401, 403, 404, 408, 409, 429, 500, 503),
    fc.integer({ min: 100, max: 599 }),
  ),
  type: errorTypes,
  reason: fc.string({ maxLength: 20 }),
});

/** The outcome table of the README, written independently of the implementation. */
function expectedStatus(action: string, status: number, type: string | undefined): string {
  if (status >= 200 && status < 300) return 'delivered';
  if (
    status === 409 &&
    action === 'create' &&
    (type === undefined || type === 'version_conflict_engine_exception')
  ) {
    return 'delivered';
  }
  const transientType = [
    'es_rejected_execution_exception',
    'rejected_execution_exception',
    'circuit_breaking_exception',
    'cluster_block_exception',
  ];
  if (
    [401, 403, 408, 429].includes(status) ||
    status >= 500 ||
    (type !== undefined && transientType.includes(type))
  ) {
    return 'retryable';
  }
  return 'rejected';
}

describe('parseBulkResponse (properties)', () => {
  it('gives exactly one outcome per operation, in order, classified by the table', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.boolean(), (items, asText) => {
        const response = {
          took: 1,
          errors: items.some((entry) => entry.status >= 300),
          items: items.map(({ action, status, type, reason }) => ({
            [action]: {
              _index: 'i',
              _id: 'x',
              status,
              ...(type === undefined ? {} : { error: { type, reason } }),
            },
          })),
        };
        const outcomes = parseBulkResponse(
          asText ? JSON.stringify(response) : response,
          items.map(({ action }) => ({ action })),
        );
        expect(outcomes).toHaveLength(items.length);
        outcomes.forEach((outcome, index) => {
          const { action, status, type } = items[index]!;
          expect(outcome.status).toBe(expectedStatus(action, status, type));
          if (outcome.status !== 'delivered') {
            expect(outcome.httpStatus).toBe(status);
            expect(outcome.errorType).toBe(type);
            expect(typeof outcome.reason).toBe('string');
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('throws a typed, retryable error for any count that does not match, never a crash', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 10 }),
        fc.integer({ min: 0, max: 12 }),
        (items, count) => {
          fc.pre(count !== items.length);
          const body = { items: items.map(({ action, status }) => ({ [action]: { status } })) };
          expect(() => parseBulkResponse(body, count)).toThrow(BulkResponseError);
        },
      ),
    );
  });

  it('never throws anything but a BulkResponseError for arbitrary bodies', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((value) => ({ items: value })),
        ),
        (body) => {
          try {
            parseBulkResponse(body as string, 1);
          } catch (error) {
            expect(error).toBeInstanceOf(BulkResponseError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
