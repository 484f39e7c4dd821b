import { createTestRecords, startFakeElasticsearch } from '@logferry/sink-testkit';
import { describe, expect, it } from 'vitest';
import { createElasticsearchSink } from './create-elasticsearch-sink';
import type { ElasticsearchCompression } from './elasticsearch-sink-options';

const CLUSTER_LIMIT = 16 * 1024;

describe('createElasticsearchSink when the cluster answers 413', () => {
  it.each(['none', 'gzip'] as const satisfies readonly ElasticsearchCompression[])(
    'bisects until every document lands exactly once (compression %s)',
    async (compression) => {
      // The sink's own limit is far above the cluster's, as when maxBytes is set for a bigger
      // domain than the one behind the URL: only the 413 bisection can make the batch fit.
      const fake = await startFakeElasticsearch({ maxRequestBytes: CLUSTER_LIMIT });
      const sink = createElasticsearchSink({
        url: fake.url,
        auth: { type: 'none' },
        compression,
        maxBytes: 1024 * 1024,
      });
      try {
        const records = createTestRecords(120, { seed: 401, largeMessageEvery: 7 });
        // One document too large for the cluster even alone, whatever the compression.
        const huge = { ...records[50]!, message: createNoise(3 * CLUSTER_LIMIT) };
        records[50] = huge;

        const result = await sink.send(records);

        const statuses = result.outcomes.map((outcome) => outcome.status);
        expect(statuses.filter((status) => status === 'delivered')).toHaveLength(119);
        expect(result.outcomes[50]).toMatchObject({
          status: 'rejected',
          errorType: 'document-too-large',
          httpStatus: 413,
        });
        const expected = records.filter((_, index) => index !== 50).map((record) => record.id);
        expect([...fake.storedIds()].sort()).toEqual([...expected].sort());
        // No document was ever sent in an accepted request twice.
        expect(fake.stats().duplicatesRejected).toBe(0);
        const accepted = fake.requests().filter((request) => request.status === 200);
        expect(Math.max(...accepted.map((request) => request.rawBytes))).toBeLessThanOrEqual(
          CLUSTER_LIMIT,
        );
        const refused = fake.requestCount() - accepted.length;
        expect(result.requests).toBe(fake.requestCount());
        console.log(
          `413 bisection (${compression}): 120 records, ${result.requests} requests (${refused} answered 413, ${accepted.length} accepted), ${result.bytesSent} bytes sent, 119 stored once, 1 rejected`,
        );
      } finally {
        await sink.close();
        await fake.close();
      }
    },
  );
});

/** Text that compresses poorly, so the document stays over the limit when gzipped. */
function createNoise(length: number): string {
  let state = 0x2545f491;
  let text = '';
  while (text.length < length) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    text += (state >>> 0).toString(36);
  }
  return text.slice(0, length);
}
