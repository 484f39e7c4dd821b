import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BulkItemOutcome } from './bulk-item-outcome';
import { BulkResponseError } from './errors';
import { parseBulkResponse } from './parse-bulk-response';

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

const DELIVERED: BulkItemOutcome = { status: 'delivered' };

function expectResponseError(run: () => unknown, code: string, message: string): BulkResponseError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BulkResponseError);
  expect((caught as BulkResponseError).code).toBe(code);
  expect((caught as BulkResponseError).message).toContain(message);
  return caught as BulkResponseError;
}

describe('parseBulkResponse', () => {
  it('reports every item delivered for all-created responses of Elasticsearch 7, 8 and OpenSearch 2', () => {
    for (const name of [
      'es7-bulk-all-created.json',
      'es8-bulk-all-created.json',
      'opensearch2-bulk-all-created.json',
    ]) {
      expect(parseBulkResponse(fixture(name), 3), name).toEqual([DELIVERED, DELIVERED, DELIVERED]);
    }
  });

  it('maps an Elasticsearch 7 partial failure item by item', () => {
    expect(parseBulkResponse(fixture('es7-bulk-mixed.json'), 5)).toEqual([
      DELIVERED,
      DELIVERED,
      {
        status: 'rejected',
        reason:
          "failed to parse field [json.amount] of type [long] in document with id '36990390990178751506624679427714401827178870561341267970'. Preview of field's value: 'forty-two' (caused by illegal_argument_exception: For input string: \"forty-two\")",
        errorType: 'mapper_parsing_exception',
        httpStatus: 400,
      },
      {
        status: 'retryable',
        reason:
          'rejected execution of processing of [92114301][indices:data/write/bulk[s][p]]: request: BulkShardRequest [[cwl-2022.07.25][0]] containing [412] requests, target allocation id: 0vKQy5PfS3G0m1cD7bqy8w, primary term: 1 on EsThreadPoolExecutor[name = es-data-1/write, queue capacity = 10000, org.elasticsearch.common.util.concurrent.EsThreadPoolExecutor@2a3b4c5d[Running, pool size = 2, active threads = 2, queued tasks = 10000, completed tasks = 1192774]]',
        errorType: 'es_rejected_execution_exception',
        httpStatus: 429,
      },
      DELIVERED,
    ]);
  });

  it('maps an Elasticsearch 8 partial failure item by item', () => {
    const outcomes = parseBulkResponse(fixture('es8-bulk-mixed.json'), 6);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'delivered',
      'rejected',
      'delivered',
      'retryable',
      'retryable',
      'retryable',
    ]);
    expect(outcomes[1]).toEqual({
      status: 'rejected',
      reason:
        "[1:412] failed to parse field [json.http.status] of type [long] in document with id '36990390990156450761426148804572866108906222199835287553'. Preview of field's value: 'OK' (caused by illegal_argument_exception: For input string: \"OK\")",
      errorType: 'document_parsing_exception',
      httpStatus: 400,
    });
    expect(outcomes.slice(3)).toEqual([
      {
        status: 'retryable',
        reason:
          'rejected execution of primary operation [coordinating_and_primary_bytes=53612902, replica_bytes=0, all_bytes=53612902, primary_operation_bytes=1048211, max_coordinating_and_primary_bytes=53687091]',
        errorType: 'es_rejected_execution_exception',
        httpStatus: 429,
      },
      {
        status: 'retryable',
        reason:
          'index [cwl-2022.07.26] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];',
        errorType: 'cluster_block_exception',
        httpStatus: 429,
      },
      {
        status: 'retryable',
        reason:
          '[cwl-2022.07.25][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[cwl-2022.07.25][0]] containing [3] requests]',
        errorType: 'unavailable_shards_exception',
        httpStatus: 503,
      },
    ]);
  });

  it('maps an OpenSearch 2 partial failure item by item, 403 as retryable (a configuration fix, not a dead letter)', () => {
    const outcomes = parseBulkResponse(fixture('opensearch2-bulk-mixed.json'), 6);
    expect(
      outcomes.map((outcome) =>
        outcome.status === 'delivered'
          ? 'delivered'
          : [outcome.status, outcome.errorType, outcome.httpStatus],
      ),
    ).toEqual([
      ['retryable', 'rejected_execution_exception', 429],
      'delivered',
      'delivered',
      ['rejected', 'mapper_parsing_exception', 400],
      ['retryable', 'rejected_execution_exception', 429],
      ['retryable', 'security_exception', 403],
    ]);
  });

  it('accepts a body parsed already, and the operations instead of a count', () => {
    const body = JSON.parse(fixture('es7-bulk-mixed.json')) as object;
    const operations = Array.from({ length: 5 }, () => ({ action: 'create' as const }));
    expect(parseBulkResponse(body, operations)).toEqual(
      parseBulkResponse(fixture('es7-bulk-mixed.json'), 5),
    );
  });

  it('counts a 409 conflict as delivered only for create', () => {
    const conflict = (action: string, error?: object) =>
      JSON.stringify({
        errors: true,
        items: [{ [action]: { _index: 'i', _id: '1', status: 409, ...(error ? { error } : {}) } }],
      });
    const versionConflict = {
      type: 'version_conflict_engine_exception',
      reason: '[1]: version conflict, document already exists (current version [1])',
    };
    expect(parseBulkResponse(conflict('create', versionConflict), 1)).toEqual([DELIVERED]);
    // filter_path can strip the error; a 409 on create still means the id exists.
    expect(parseBulkResponse(conflict('create'), 1)).toEqual([DELIVERED]);
    expect(parseBulkResponse(conflict('index', versionConflict), 1)).toEqual([
      {
        status: 'rejected',
        reason: versionConflict.reason,
        errorType: 'version_conflict_engine_exception',
        httpStatus: 409,
      },
    ]);
    expect(
      parseBulkResponse(conflict('create', { type: 'illegal_argument_exception', reason: 'x' }), 1),
    ).toEqual([
      { status: 'rejected', reason: 'x', errorType: 'illegal_argument_exception', httpStatus: 409 },
    ]);
  });

  it('classifies statuses and error types per the outcome table', () => {
    const cases: [number, string | undefined, BulkItemOutcome['status']][] = [
      [200, undefined, 'delivered'],
      [201, undefined, 'delivered'],
      [400, 'mapper_parsing_exception', 'rejected'],
      [400, 'illegal_argument_exception', 'rejected'],
      [404, 'index_not_found_exception', 'rejected'],
      [400, 'circuit_breaking_exception', 'retryable'],
      [403, 'cluster_block_exception', 'retryable'],
      [401, 'security_exception', 'retryable'],
      [408, undefined, 'retryable'],
      [429, 'es_rejected_execution_exception', 'retryable'],
      [429, undefined, 'retryable'],
      [500, 'exception', 'retryable'],
      [503, undefined, 'retryable'],
      [302, undefined, 'rejected'],
    ];
    for (const [status, type, expected] of cases) {
      const body = {
        items: [{ create: { status, ...(type ? { error: { type, reason: 'r' } } : {}) } }],
      };
      expect(parseBulkResponse(body, 1)[0]?.status, `${status} ${type}`).toBe(expected);
    }
  });

  it('describes item errors of every shape, cut to 500 characters', () => {
    const outcome = (error: unknown) =>
      parseBulkResponse({ items: [{ index: { status: 400, error } }] }, 1)[0];
    expect(outcome('MapperParsingException[failed to parse]')).toEqual({
      status: 'rejected',
      reason: 'MapperParsingException[failed to parse]',
      httpStatus: 400,
    });
    expect(outcome(undefined)).toEqual({
      status: 'rejected',
      reason: 'HTTP 400 without error details',
      httpStatus: 400,
    });
    expect(outcome({ type: 't' })).toEqual({
      status: 'rejected',
      reason: 'HTTP 400',
      errorType: 't',
      httpStatus: 400,
    });
    expect(outcome({ type: 't', reason: 'r', caused_by: { reason: 'inner' } })).toMatchObject({
      reason: 'r (caused by inner)',
    });
    const long = outcome({ type: 't', reason: 'x'.repeat(2000) });
    expect(long).toMatchObject({ reason: `${'x'.repeat(499)}…` });
  });

  it('reports every operation delivered for {"errors":false} without items (filter_path)', () => {
    expect(parseBulkResponse('{"errors":false}', 2)).toEqual([DELIVERED, DELIVERED]);
    expect(parseBulkResponse('{"took":3,"errors":false,"items":[]}', 0)).toEqual([]);
  });

  it('throws invalid-json for HTML pages and empty bodies, retryable', () => {
    const html = expectResponseError(
      () => parseBulkResponse(fixture('alb-502-body.txt'), 3),
      'invalid-json',
      'A _bulk response body must be JSON; received "<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad G… (117 chars)',
    );
    expect(html.retryable).toBe(true);
    expect(html.cause).toBeInstanceOf(SyntaxError);
    expectResponseError(() => parseBulkResponse('', 1), 'invalid-json', 'received an empty body');
  });

  it('throws unexpected-shape for JSON that is not an object, and for bytes', () => {
    expectResponseError(
      () => parseBulkResponse('[1]', 1),
      'unexpected-shape',
      'must be a JSON object (pass the body as text or as parsed JSON); received [1]',
    );
    expectResponseError(() => parseBulkResponse('42', 1), 'unexpected-shape', 'received 42');
    expectResponseError(
      () => parseBulkResponse(Buffer.from('{}'), 1),
      'unexpected-shape',
      'received bytes',
    );
  });

  it('throws error-response for error bodies, retryable only for transient statuses', () => {
    const breaker = expectResponseError(
      () => parseBulkResponse(fixture('es8-bulk-request-circuit-breaking-429.json'), 3),
      'error-response',
      'A _bulk response must list items; received an error response with status 429: circuit_breaking_exception: [parent] Data too large',
    );
    expect([breaker.retryable, breaker.httpStatus]).toEqual([true, 429]);
    const newline = expectResponseError(
      () => parseBulkResponse(fixture('es8-bulk-request-400-no-newline.json'), 3),
      'error-response',
      'status 400: illegal_argument_exception: The bulk request must be terminated by a newline [\\n]',
    );
    expect([newline.retryable, newline.httpStatus]).toEqual([false, 400]);
    const security = expectResponseError(
      () => parseBulkResponse(fixture('es8-bulk-request-403-security.json'), 3),
      'error-response',
      'status 403: security_exception: action [indices:data/write/bulk] is unauthorized',
    );
    expect(security.retryable).toBe(false);
    const noStatus = expectResponseError(
      () => parseBulkResponse('{"error":"boom"}', 1),
      'error-response',
      'error: boom',
    );
    expect([noStatus.retryable, noStatus.httpStatus]).toEqual([true, undefined]);
  });

  it('throws missing-items when there are no items to map', () => {
    expectResponseError(
      () => parseBulkResponse(fixture('aws-opensearch-413.json'), 3),
      'missing-items',
      'must have an "items" array (or "errors": false); received no items in {"Message":"Request size exceeded 10485760 bytes"}',
    );
    expectResponseError(
      () => parseBulkResponse('{"errors":true}', 1),
      'missing-items',
      'received no items',
    );
    expectResponseError(
      () => parseBulkResponse('{"items":{}}', 1),
      'missing-items',
      'received items {}',
    );
  });

  it('throws item-count-mismatch when items and operations differ in number', () => {
    expectResponseError(
      () => parseBulkResponse(fixture('es8-bulk-all-created.json'), 4),
      'item-count-mismatch',
      'A _bulk response must have one item per operation sent: expected 4, received 3',
    );
    expectResponseError(
      () => parseBulkResponse(fixture('es8-bulk-all-created.json'), 2),
      'item-count-mismatch',
      'expected 2, received 3',
    );
  });

  it('throws invalid-item for items it cannot read', () => {
    const items = [
      null,
      {},
      { create: {}, index: {} },
      { upsert: { status: 201 } },
      { create: { status: '201' } },
      { create: { status: 600 } },
      { create: null },
    ];
    for (const item of items) {
      expectResponseError(
        () => parseBulkResponse({ items: [{ create: { status: 201 } }, item] }, 2),
        'invalid-item',
        `item 1 is ${JSON.stringify(item)}`,
      );
    }
    expectResponseError(
      () => parseBulkResponse({ items: [{ index: { status: 201 } }] }, [{ action: 'create' }]),
      'invalid-item',
      'item 0 is for "index" but operation 0 was "create"',
    );
  });

  it('refuses an operations argument that is neither a count nor an array', () => {
    for (const operations of [-1, 1.5, '3', null]) {
      expect(() => parseBulkResponse('{}', operations as number)).toThrow(
        expect.objectContaining({ name: 'BulkError', code: 'invalid-argument' }),
      );
    }
  });
});
