import type { SinkRecord } from '@logferry/sink';
import { createTestRecords, startFakeElasticsearch } from '@logferry/sink-testkit';
import { describe, expect, it } from 'vitest';
import { createElasticsearchSink } from './create-elasticsearch-sink';

const RECORD_COUNT = 2000;

describe('createElasticsearchSink under a storm of faults', () => {
  it('stores 2,000 records exactly once when the app re-sends what was not delivered', async () => {
    const { username, password } = { username: 'logferry', password: 'fault-scenario-Pa55word' };
    const fake = await startFakeElasticsearch({ auth: { kind: 'basic', username, password } });
    const sink = createElasticsearchSink({
      url: fake.url,
      auth: { type: 'basic', username, password },
      maxBytes: 64 * 1024,
      timeoutMs: 1000,
    });
    try {
      const records = createTestRecords(RECORD_COUNT, { seed: 2000 });
      // Whole-request faults, each on chosen request numbers (the fake counts requests before
      // it consults the fault script), so they land on first sends and on re-sends alike.
      const scheduleOnRequests = (numbers: readonly number[]) => ({
        times: numbers.length,
        match: () => numbers.includes(fake.requestCount()),
      });
      fake.injectFault({ kind: 'status', status: 503, ...scheduleOnRequests([3, 17, 41]) });
      fake.injectFault({ kind: 'status', status: 429, ...scheduleOnRequests([9]) });
      fake.injectFault({ kind: 'reset', ...scheduleOnRequests([8, 33, 52]) });
      fake.injectFault({ kind: 'hang', ...scheduleOnRequests([12]) });
      fake.injectFault({ kind: 'lost-response', ...scheduleOnRequests([5, 25, 47]) });
      // Per-item refusals inside accepted requests: thread-pool rejections and unavailable shards.
      const throttledIds = new Set(
        records.filter((_, index) => index % 9 === 4).map((record) => record.id),
      );
      fake.failItems({
        match: (action) => throttledIds.has(action.id ?? ''),
        status: 429,
        times: 180,
      });
      fake.failItems({
        match: (action) => action.id?.endsWith('7') === true,
        status: 503,
        times: 60,
      });

      let pending: readonly SinkRecord[] = records;
      let rounds = 0;
      let requests = 0;
      let retried = 0;
      const reasons = new Map<string, number>();
      while (pending.length > 0 && rounds < 20) {
        rounds += 1;
        const result = await sink.send(pending);
        expect(result.outcomes).toHaveLength(pending.length);
        requests += result.requests;
        for (const outcome of result.outcomes) {
          // Nothing permanent was injected: a rejected record here would be a misclassification.
          expect(outcome.status).not.toBe('rejected');
          if (outcome.status === 'retryable') {
            const key = outcome.errorType ?? `http-${outcome.httpStatus}`;
            reasons.set(key, (reasons.get(key) ?? 0) + 1);
          }
        }
        const next = pending.filter((_, index) => result.outcomes[index]?.status !== 'delivered');
        retried += next.length;
        pending = next;
      }

      const stored = fake.storedIds();
      const duplicates = stored.length - new Set(stored).size;
      expect(pending).toHaveLength(0);
      expect(duplicates).toBe(0);
      expect([...stored].sort()).toEqual(records.map((record) => record.id).sort());
      // The lost responses made the sink re-send stored documents; create + _id absorbed them.
      expect(fake.stats().duplicatesRejected).toBeGreaterThan(0);
      expect(fake.stats().faultsApplied).toBe(11);
      console.log(
        [
          `fault scenario: ${RECORD_COUNT} records delivered in ${rounds} send() rounds, ${requests} requests (${fake.stats().faultsApplied} whole-request faults, ${fake.stats().itemsFailed} item failures)`,
          `  records retried: ${retried} (${[...reasons].map(([reason, count]) => `${reason} ${count}`).join(', ')})`,
          `  re-sent documents already stored (409 on create → delivered): ${fake.stats().duplicatesRejected}`,
          `  stored: ${stored.length}, duplicates: ${duplicates}, lost: ${RECORD_COUNT - new Set(stored).size}`,
        ].join('\n'),
      );
    } finally {
      await sink.close();
      await fake.close();
    }
  });
});
