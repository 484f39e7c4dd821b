import { type RecordOutcome, SinkError } from '@logferry/sink';
import { createTestRecords } from '@logferry/sink-testkit';
import { describe, expect, it } from 'vitest';
import { deliverToSinks } from './deliver-to-sinks';
import { isReplayError } from './errors';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { createScriptedSink } from './test-support/create-scripted-sink';

const delivered: RecordOutcome = { status: 'delivered' };
const throttled: RecordOutcome = {
  status: 'retryable',
  reason: 'item 429',
  errorType: 'es_rejected_execution_exception',
  httpStatus: 429,
};
const mapping: RecordOutcome = {
  status: 'rejected',
  reason: 'failed to parse',
  errorType: 'mapper_parsing_exception',
  httpStatus: 400,
};

function createPolicy(overrides: Partial<RetryPolicy> = {}) {
  const delays: number[] = [];
  let clock = 0;
  const policy: RetryPolicy = {
    ...defaultRetryPolicy,
    now: () => clock,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
      clock += ms;
    },
    ...overrides,
  };
  return { policy, delays };
}

describe('deliverToSinks', () => {
  it('re-sends only the retryable records, with the backoff, until they settle', async () => {
    const records = createTestRecords(4);
    const sink = createScriptedSink('elasticsearch', (record, attempt) =>
      record === records[1] && attempt < 3
        ? throttled
        : record === records[2]
          ? mapping
          : delivered,
    );
    const { policy, delays } = createPolicy();

    const [result] = await deliverToSinks([{ sink, records }], policy);

    expect(sink.calls.map((call) => call.map((record) => record.id))).toEqual([
      records.map((record) => record.id),
      [records[1]?.id],
      [records[1]?.id],
    ]);
    expect(delays).toEqual([50, 100]);
    expect(result).toMatchObject({ attempts: 3, retried: 2, requests: 3, bytesSent: 600 });
    expect(result?.outcomes).toEqual([
      delivered,
      delivered,
      {
        status: 'rejected',
        reason: 'failed to parse',
        errorType: 'mapper_parsing_exception',
        httpStatus: 400,
      },
      delivered,
    ]);
  });

  it('ends a record unsettled, with its last reason, when the attempts run out', async () => {
    const records = createTestRecords(2);
    const sink = createScriptedSink('elasticsearch', (record) =>
      record === records[0] ? throttled : delivered,
    );

    const [result] = await deliverToSinks(
      [{ sink, records }],
      createPolicy({ maxAttempts: 3 }).policy,
    );

    expect(sink.calls).toHaveLength(3);
    expect(result?.outcomes[0]).toEqual({
      status: 'unsettled',
      reason: 'item 429',
      errorType: 'es_rejected_execution_exception',
      httpStatus: 429,
      interrupted: false,
    });
  });

  it('stops retrying when the retry budget would be exceeded', async () => {
    const records = createTestRecords(1);
    const sink = createScriptedSink('elasticsearch', () => throttled);
    const { policy, delays } = createPolicy({
      maxAttempts: 50,
      retryBudgetMs: 400,
      random: () => 0.999,
    });

    await deliverToSinks([{ sink, records }], policy);

    // 99 + 199 = 298 ms waited; the next wait (399 ms) would end after the 400 ms budget.
    expect(delays).toEqual([99, 199]);
    expect(sink.calls).toHaveLength(3);
  });

  it('retries a retryable SinkError for the whole batch and reports its reason', async () => {
    const records = createTestRecords(2);
    const timeout = new SinkError('POST /_bulk got no answer within 500 ms', {
      code: 'timeout',
      retryable: true,
    });
    const sink = createScriptedSink('elasticsearch', (_, attempt) =>
      attempt === 1 ? timeout : delivered,
    );
    const always = createScriptedSink('http', () => timeout);

    const [first, second] = await deliverToSinks(
      [
        { sink, records },
        { sink: always, records },
      ],
      createPolicy({ maxAttempts: 2 }).policy,
    );

    expect(first?.outcomes).toEqual([delivered, delivered]);
    expect(second?.outcomes[1]).toEqual({
      status: 'unsettled',
      reason: 'POST /_bulk got no answer within 500 ms',
      errorType: 'timeout',
      interrupted: false,
    });
  });

  it('keeps each sink on its own pending set', async () => {
    const records = createTestRecords(3);
    const healthy = createScriptedSink('elasticsearch', () => delivered);
    const flaky = createScriptedSink('http', (_, attempt) =>
      attempt === 1 ? throttled : delivered,
    );

    await deliverToSinks(
      [
        { sink: healthy, records },
        { sink: flaky, records },
      ],
      createPolicy().policy,
    );

    expect(healthy.calls).toHaveLength(1);
    expect(flaky.calls).toHaveLength(2);
  });

  it('fails with sink-failed on a non-retryable SinkError, after the other sinks settle', async () => {
    const records = createTestRecords(2);
    const denied = createScriptedSink(
      'elasticsearch',
      () =>
        new SinkError('Elasticsearch answered 403 Forbidden', {
          code: 'authentication',
          retryable: false,
        }),
    );
    const other = createScriptedSink('http', () => delivered);

    const failure = await deliverToSinks(
      [
        { sink: denied, records },
        { sink: other, records },
      ],
      createPolicy().policy,
    ).catch((error: unknown) => error);

    expect(isReplayError(failure) && failure.code).toBe('sink-failed');
    expect((failure as Error).message).toBe(
      'The elasticsearch sink failed as a whole (authentication): Elasticsearch answered 403 Forbidden',
    );
    expect((failure as Error).cause).toBeInstanceOf(SinkError);
    expect(other.calls).toHaveLength(1);
  });

  it('fails with sink-failed when a sink breaks the one-outcome-per-record contract', async () => {
    const broken = {
      name: 'broken',
      send: async () => ({ outcomes: [delivered], requests: 1, bytesSent: 1 }),
    };
    await expect(
      deliverToSinks([{ sink: broken, records: createTestRecords(2) }], createPolicy().policy),
    ).rejects.toMatchObject({
      code: 'sink-failed',
      message:
        'The broken sink returned 1 outcomes for 2 records; the Sink contract requires exactly one per record, in order',
    });
  });

  it('starts no retry once stopped, and marks what is pending as interrupted', async () => {
    const records = createTestRecords(2);
    const stop = new AbortController();
    const sink = createScriptedSink('elasticsearch', (record) => {
      stop.abort();
      return record === records[0] ? throttled : delivered;
    });

    const [result] = await deliverToSinks([{ sink, records }], createPolicy().policy, stop.signal);

    expect(sink.calls).toHaveLength(1);
    expect(result?.outcomes).toEqual([
      { ...throttled, status: 'unsettled', interrupted: true },
      delivered,
    ]);
  });

  it('sends nothing when already stopped', async () => {
    const records = createTestRecords(1);
    const sink = createScriptedSink('elasticsearch', () => delivered);
    const [result] = await deliverToSinks(
      [{ sink, records }],
      createPolicy().policy,
      AbortSignal.abort(),
    );
    expect(sink.calls).toHaveLength(0);
    expect(result?.outcomes).toEqual([
      {
        status: 'unsettled',
        reason: 'the replay was interrupted before this record was sent',
        interrupted: true,
      },
    ]);
  });
});
