import { describe, expect, it } from 'vitest';
import { createTestRecords } from './create-test-records';

describe('createTestRecords', () => {
  it('builds realistic records with CloudWatch ids, Kinesis positions and log group metadata', () => {
    const [first, second] = createTestRecords(2);
    expect(first).toEqual({
      id: '36990390990134160016227618181431330390633573838329307136',
      timestamp: 1_717_200_000_000,
      message: expect.stringMatching(
        /^START RequestId: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12} Version: \$LATEST$/,
      ),
      owner: '123456789012',
      logGroup: '/aws/lambda/checkout-api',
      logStream: expect.stringMatching(/^2024\/06\/01\/\[\$LATEST\][0-9a-f]{16}$/),
      subscriptionFilters: ['logferry'],
      position: {
        shardId: 'shardId-000000000000',
        sequenceNumber: '49590338271490256608559693538361571095921575989136588898',
        recordIndex: 0,
        eventIndex: 0,
        approximateArrivalTimestamp: 1_717_200_000_150,
      },
    });
    expect(second?.id).toBe('36990390990134160016227618181431330390633573838330307139');
    expect(second?.timestamp).toBe(1_717_200_000_037);
    expect(second?.message).toBe(JSON.stringify(JSON.parse(second!.message)));
  });

  it('covers unicode, JSON-hostile characters, multi-line and multi-KB messages', () => {
    const records = createTestRecords(40);
    const messages = records.map((record) => record.message);
    expect(messages[2]).toBe(
      'Zahlung bestätigt für Jürgen Groß — 支付成功 — 注文 #2 ✅ 🚀 — مرحبا بالعالم — naïve café',
    );
    expect(messages[4]).toContain('\n    at charge');
    expect(messages[6]).toContain('quote " backslash \\ tab \t bell \u0007');
    expect(messages[6]).toContain('\u2028');
    expect(messages[7]).toContain('👩‍💻');
    const large = records.filter((record) => Buffer.byteLength(record.message) >= 6144);
    expect(large.map((record) => records.indexOf(record))).toEqual([9, 19, 29, 39]);
  });

  it('shares log group, stream and sequence number within a Kinesis record, across several groups', () => {
    const records = createTestRecords(16, { eventsPerKinesisRecord: 4 });
    expect(new Set(records.map((record) => record.logGroup))).toEqual(
      new Set([
        '/aws/lambda/checkout-api',
        '/ecs/payments/worker',
        'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
        '/aws/rds/instance/orders-db/postgresql',
      ]),
    );
    expect(records[8]).toMatchObject({
      extractedFields: { method: 'GET', status: '400' },
      position: { recordIndex: 2, eventIndex: 0 },
    });
    expect(records[12]).toMatchObject({ policyLevel: 'ACCOUNT_LEVEL_POLICY' });
    expect(records[4]?.position.sequenceNumber).toBe(
      '49590338271490256608559693538361571095921576989136588898',
    );
  });

  it('gives different seeds disjoint ids and the same seed the same records', () => {
    const seedOne = createTestRecords(50, { seed: 1 });
    const seedTwo = createTestRecords(50, { seed: 2 });
    expect(createTestRecords(50, { seed: 1 })).toEqual(seedOne);
    const ids = new Set(seedOne.map((record) => record.id));
    expect(seedTwo.some((record) => ids.has(record.id))).toBe(false);
  });

  it.each([
    [-1, {}, 'createTestRecords: count must be an integer from 0 to 100000; received -1'],
    [1.5, {}, 'createTestRecords: count must be an integer from 0 to 100000; received 1.5'],
    [
      1,
      { eventsPerKinesisRecord: 0 },
      'createTestRecords: option eventsPerKinesisRecord must be an integer from 1 to 10000; received 0',
    ],
    [
      1,
      { shardId: '' },
      'createTestRecords: option shardId must be a non-empty string; received ""',
    ],
  ])('rejects count %j with options %j', (count, options, message) => {
    expect(() => createTestRecords(count, options)).toThrow(message);
  });
});
