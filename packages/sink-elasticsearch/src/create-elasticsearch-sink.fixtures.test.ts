import { readFileSync } from 'node:fs';
import { isSinkError, type RecordOutcome } from '@logferry/sink';
import { createTestRecords } from '@logferry/sink-testkit';
import { describe, expect, it } from 'vitest';
import { createElasticsearchSink } from './create-elasticsearch-sink';

const URL_BASE = 'https://search-logs-abc123.eu-west-1.es.amazonaws.com';
const TARGET = `POST ${URL_BASE}/_bulk`;

/** Response bodies recorded from real clusters, kept by @logferry/elasticsearch-bulk. */
function fixture(name: string): string {
  return readFileSync(
    new URL(`../../elasticsearch-bulk/src/__fixtures__/${name}`, import.meta.url),
    'utf8',
  );
}

/** A sink whose every request is answered with one recorded response. */
function createReplayingSink(body: string, status: number, contentType: string) {
  let requests = 0;
  const sink = createElasticsearchSink({
    url: URL_BASE,
    auth: { type: 'none' },
    fetch: async () => {
      requests += 1;
      return new Response(body, { status, headers: { 'content-type': contentType } });
    },
  });
  return { sink, requests: () => requests };
}

async function sendAgainst(name: string, count: number, status = 200): Promise<RecordOutcome[]> {
  const contentType = name.endsWith('.txt') ? 'text/html' : 'application/json';
  const { sink } = createReplayingSink(fixture(name), status, contentType);
  return [...(await sink.send(createTestRecords(count, { seed: 71 }))).outcomes];
}

const delivered: RecordOutcome = { status: 'delivered' };

describe('createElasticsearchSink against recorded cluster responses', () => {
  it.each([
    ['es7-bulk-all-created.json', 'Elasticsearch 7'],
    ['es8-bulk-all-created.json', 'Elasticsearch 8'],
    ['opensearch2-bulk-all-created.json', 'OpenSearch 2'],
  ])('delivers every record of %s (%s)', async (name) => {
    const body = JSON.parse(fixture(name)) as { items: unknown[] };
    const outcomes = await sendAgainst(name, body.items.length);
    expect(outcomes).toEqual(new Array(body.items.length).fill(delivered));
  });

  it('classifies an Elasticsearch 7 mixed response item by item', async () => {
    const outcomes = await sendAgainst('es7-bulk-mixed.json', 5);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'delivered',
      'delivered', // 409 version_conflict_engine_exception on create: already stored
      'rejected',
      'retryable',
      'delivered',
    ]);
    expect(outcomes[2]).toMatchObject({ errorType: 'mapper_parsing_exception', httpStatus: 400 });
    expect((outcomes[2] as { reason: string }).reason).toContain(
      'failed to parse field [json.amount] of type [long]',
    );
    expect(outcomes[3]).toMatchObject({
      errorType: 'es_rejected_execution_exception',
      httpStatus: 429,
    });
  });

  it('classifies an Elasticsearch 8 mixed response item by item', async () => {
    const outcomes = await sendAgainst('es8-bulk-mixed.json', 6);
    expect(
      outcomes.map((outcome) =>
        outcome.status === 'delivered'
          ? 'delivered'
          : `${outcome.status} ${outcome.errorType} ${outcome.httpStatus}`,
      ),
    ).toEqual([
      'delivered',
      'rejected document_parsing_exception 400',
      'delivered',
      'retryable es_rejected_execution_exception 429',
      'retryable cluster_block_exception 429',
      'retryable unavailable_shards_exception 503',
    ]);
  });

  it('classifies an OpenSearch 2 mixed response item by item', async () => {
    const outcomes = await sendAgainst('opensearch2-bulk-mixed.json', 6);
    expect(
      outcomes.map((outcome) =>
        outcome.status === 'delivered'
          ? 'delivered'
          : `${outcome.status} ${outcome.errorType} ${outcome.httpStatus}`,
      ),
    ).toEqual([
      'retryable rejected_execution_exception 429',
      'delivered',
      'delivered',
      'rejected mapper_parsing_exception 400',
      'retryable rejected_execution_exception 429',
      // An item 403 needs a permissions fix, never the dead-letter store.
      'retryable security_exception 403',
    ]);
  });

  it('makes every record retryable when the item count does not match', async () => {
    const outcomes = await sendAgainst('es8-bulk-mixed.json', 4);
    expect(outcomes).toEqual(
      new Array(4).fill({
        status: 'retryable',
        reason: `${TARGET} answered 200 with a body that is not a usable _bulk response: A _bulk response must have one item per operation sent: expected 4, received 6`,
        errorType: 'item-count-mismatch',
        httpStatus: 200,
      }),
    );
  });

  it('makes every record retryable on a load balancer’s HTML 502 page', async () => {
    const outcomes = await sendAgainst('alb-502-body.txt', 3, 502);
    expect(outcomes).toEqual(
      new Array(3).fill({
        status: 'retryable',
        reason: `${TARGET} answered 502: HTML page: 502 Bad Gateway`,
        httpStatus: 502,
      }),
    );
  });

  it('makes every record retryable on a whole-request circuit breaker 429', async () => {
    const outcomes = await sendAgainst('es8-bulk-request-circuit-breaking-429.json', 2, 429);
    expect(outcomes[0]).toMatchObject({
      status: 'retryable',
      errorType: 'circuit_breaking_exception',
      httpStatus: 429,
    });
    expect((outcomes[0] as { reason: string }).reason).toMatch(
      /^POST .*\/_bulk answered 429: circuit_breaking_exception: \[parent\] Data too large/,
    );
  });

  it('rejects every record of a request refused as a whole with 400', async () => {
    const outcomes = await sendAgainst('es8-bulk-request-400-no-newline.json', 2, 400);
    expect(outcomes).toEqual(
      new Array(2).fill({
        status: 'rejected',
        reason: `${TARGET} answered 400: illegal_argument_exception: The bulk request must be terminated by a newline [\\n]`,
        errorType: 'illegal_argument_exception',
        httpStatus: 400,
      }),
    );
  });

  it('throws authentication on a whole-request 403 security_exception', async () => {
    const { sink } = createReplayingSink(
      fixture('es8-bulk-request-403-security.json'),
      403,
      'application/json',
    );
    const error = await sink
      .send(createTestRecords(2, { seed: 72 }))
      .catch((caught: unknown) => caught);
    expect(isSinkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'authentication', retryable: false, httpStatus: 403 });
    expect((error as Error).message).toContain(
      'security_exception: action [indices:data/write/bulk] is unauthorized for user [logferry]',
    );
  });

  it('bisects on the OpenSearch Service 413 down to single documents, then rejects them', async () => {
    const { sink, requests } = createReplayingSink(
      fixture('aws-opensearch-413.json'),
      413,
      'application/json',
    );
    const result = await sink.send(createTestRecords(4, { seed: 73 }));
    // 4 → 2 + 2 → 1 + 1 + 1 + 1: seven requests, each document finally alone.
    expect(requests()).toBe(7);
    expect(result.requests).toBe(7);
    expect(result.outcomes).toEqual(
      new Array(4).fill({
        status: 'rejected',
        reason: expect.stringMatching(
          /^POST .*\/_bulk answered 413: Request size exceeded 10485760 bytes \(the document was sent alone, \d+ bytes before compression: it is too large for this cluster\)$/,
        ),
        errorType: 'document-too-large',
        httpStatus: 413,
      }),
    );
  });
});
