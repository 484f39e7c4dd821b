import type { Sink, SinkRecord } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import { setupReferenceHarness } from './__tests__/reference-harness';
import type { ReferenceSinkDefect } from './__tests__/reference-sink';
import type { ConformanceRuleId } from './conformance-rule';
import { conformanceRules } from './conformance-rules';
import { ConformanceViolationError, SinkTestkitError } from './errors';
import type { SinkConformanceHarness } from './sink-conformance-harness';

async function withHarness<T>(
  harness: Promise<SinkConformanceHarness>,
  use: (harness: SinkConformanceHarness) => Promise<T>,
): Promise<T> {
  const ready = await harness;
  try {
    return await use(ready);
  } finally {
    await ready.close();
  }
}

describe('conformanceRules', () => {
  it('lists rules SINK-1 to SINK-14 in id order, each with a level, a statement and cases', () => {
    expect(Object.keys(conformanceRules)).toEqual(
      Array.from({ length: 14 }, (_, index) => `SINK-${index + 1}`),
    );
    for (const [id, rule] of Object.entries(conformanceRules)) {
      expect(rule.id).toBe(id);
      expect(['MUST', 'SHOULD']).toContain(rule.level);
      expect(rule.statement.length).toBeGreaterThan(40);
      expect(rule.cases.length).toBeGreaterThan(0);
    }
  });

  it('passes every rule for the correct reference sink and reports what it ran', async () => {
    await withHarness(setupReferenceHarness(), async (harness) => {
      const report = await conformanceRules['SINK-8'].check(harness);
      expect(report).toEqual({
        ruleId: 'SINK-8',
        passed: [
          '429 Too Many Requests',
          '502 Bad Gateway with an HTML body',
          '503 Service Unavailable',
          'connection reset',
          'no answer until the timeout',
        ],
        skipped: [],
      });
    });
  });

  it('reports checkHealth cases as skipped, with the reason, when the sink has none', async () => {
    await withHarness(setupReferenceHarness({ withHealthCheck: false }), async (harness) => {
      expect(await conformanceRules['SINK-13'].check(harness)).toEqual({
        ruleId: 'SINK-13',
        passed: [],
        skipped: [
          {
            name: 'a healthy destination',
            reason: 'the sink has no checkHealth() (optional in the Sink interface)',
          },
          {
            name: 'a destination answering 503',
            reason: 'the sink has no checkHealth() (optional in the Sink interface)',
          },
        ],
      });
    });
  });

  it('reports sendSequence cases as skipped, with the reason, when the sink has none', async () => {
    await withHarness(setupReferenceHarness({ withSendSequence: false }), async (harness) => {
      const before = harness.requestCount();
      expect(await conformanceRules['SINK-14'].check(harness)).toEqual({
        ruleId: 'SINK-14',
        passed: [],
        skipped: [
          {
            name: 'a generator to a healthy destination',
            reason:
              'the sink has no sendSequence() (sendSequence is optional in the Sink interface)',
          },
          {
            name: 'a signal that aborts while the first request is in flight',
            reason:
              'the sink has no sendSequence() (sendSequence is optional in the Sink interface)',
          },
        ],
      });
      expect(harness.requestCount()).toBe(before);
    });
  });

  // With maxRequestBytes the abort case streams several requests' worth; without it, 40 records.
  it.each([
    ['with', true],
    ['without', false],
  ])(
    'passes SINK-14 for the lazy reference sendSequence %s maxRequestBytes',
    async (_, withCapabilities) => {
      await withHarness(setupReferenceHarness({ withCapabilities }), async (harness) => {
        expect(await conformanceRules['SINK-14'].check(harness)).toEqual({
          ruleId: 'SINK-14',
          passed: [
            'a generator to a healthy destination',
            'a signal that aborts while the first request is in flight',
          ],
          skipped: [],
        });
      });
    },
  );

  // Each deliberately broken sink must be caught by the rule its bug breaks.
  const defects: readonly [ReferenceSinkDefect, ConformanceRuleId, RegExp][] = [
    [
      'miscount-requests',
      'SINK-1',
      /result\.requests says 1 but the destination received \d+ request\(s\)/,
    ],
    ['ignore-item-status', 'SINK-2', /not held by the destination/],
    [
      'reverse-outcomes',
      'SINK-2',
      /5 record\(s\) reported delivered are not held by the destination/,
    ],
    ['auto-generated-ids', 'SINK-3', /stored more than once/],
    ['request-empty-batch', 'SINK-4', /made 1 request\(s\) for an empty batch/],
    ['no-timeout', 'SINK-5', /still pending \d+ ms after the destination stopped answering/],
    ['ignore-abort', 'SINK-6', /made 1 request\(s\) although its signal was already aborted/],
    ['auth-as-retryable', 'SINK-7', /resolved with outcomes after a 401 answer/],
    ['transient-as-rejected', 'SINK-8', /was rejected after a transient failure/],
    ['throw-on-transient', 'SINK-8', /send\(\) threw instead of reporting outcomes/],
    ['unbounded-requests', 'SINK-9', /above the configured limit of 16384 bytes/],
    [
      'credentials-in-error',
      'SINK-10',
      /credentials leaked: secret #2 in the error send\(\) threw after a 401 answer/,
    ],
    [
      'log-credentials',
      'SINK-10',
      /credentials leaked: secret #2 in console, stdout or stderr output/,
    ],
    ['credentials-in-inspect', 'SINK-10', /credentials leaked: secret #1 in util\.inspect\(sink\)/],
    [
      'retry-internally',
      'SINK-11',
      /made 2 requests where a healthy send of the same size makes 1/,
    ],
    ['mangle-unicode', 'SINK-12', /message changed on its way/],
    ['health-check-writes', 'SINK-13', /checkHealth\(\) wrote 1 record\(s\)/],
    [
      'sequence-iterated-twice',
      'SINK-14',
      /sendSequence\(\) called \[Symbol\.iterator\]\(\) 2 times; it must iterate the sequence exactly once/,
    ],
    [
      'sequence-reads-past-end',
      'SINK-14',
      /sendSequence\(\) called next\(\) 1 more time\(s\) after the sequence reported done/,
    ],
    [
      'sequence-outcomes-for-sent-only',
      'SINK-14',
      /sendSequence\(\) returned 3 outcomes but took 4 records from the sequence; it must report exactly one outcome per record it took, and none for records it never took \(a generator of 12 records of 4096 incompressible bytes, limit 16384 bytes; the first request hangs/,
    ],
  ];

  it.each(defects)(
    'catches a sink with defect %s as a %s violation',
    async (defect, ruleId, message) => {
      await withHarness(setupReferenceHarness({ defects: [defect] }), async (harness) => {
        const violation = await conformanceRules[ruleId].check(harness).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(violation).toBeInstanceOf(ConformanceViolationError);
        expect(violation).toMatchObject({ ruleId, code: 'conformance-violation' });
        expect((violation as Error).message).toMatch(message);
        expect((violation as Error).message.startsWith(`${ruleId} violated: `)).toBe(true);
        expect((violation as Error).message).toContain(
          `Rule: ${conformanceRules[ruleId].statement}`,
        );
        for (const secret of harness.secrets)
          expect((violation as Error).message).not.toContain(secret);
      });
    },
  );

  it('catches a sink that ignores an abort mid-request even when it has a timeout (SINK-6, second case)', async () => {
    await withHarness(setupReferenceHarness({ defects: ['ignore-abort'] }), async (harness) => {
      const midRequest = conformanceRules['SINK-6'].cases[1]!;
      expect(midRequest.name).toBe('a signal that aborts while a request is in flight');
      await expect(midRequest.check(harness)).rejects.toThrow(
        /^SINK-6 violated: send\(\) was still pending \d+ ms after its signal aborted\./,
      );
    });
  });

  it('catches a sendSequence that ignores an abort mid-request (SINK-14, second case)', async () => {
    await withHarness(setupReferenceHarness({ defects: ['ignore-abort'] }), async (harness) => {
      const aborting = conformanceRules['SINK-14'].cases[1]!;
      expect(aborting.name).toBe('a signal that aborts while the first request is in flight');
      await expect(aborting.check(harness)).rejects.toThrow(
        /^SINK-14 violated: sendSequence\(\) was still pending \d+ ms after its signal aborted \(.*\); it must settle within 600 ms, before its own 1000 ms timeout\./,
      );
    });
  });

  it('catches a sendSequence that stops taking records early without an abort', async () => {
    await withHarness(setupReferenceHarness(), async (harness) => {
      // Takes a fixed-size batch and leaves the rest of the sequence behind.
      const firstThirty: Sink = {
        ...harness.sink,
        sendSequence: async (records, options) => {
          const batch: SinkRecord[] = [];
          for (const record of records) {
            batch.push(record);
            if (batch.length === 30) break;
          }
          return harness.sink.send(batch, options);
        },
      };
      await expect(
        conformanceRules['SINK-14'].check({ ...harness, sink: firstThirty }),
      ).rejects.toThrow(
        /^SINK-14 violated: sendSequence\(\) stopped taking records after 30 of 40 and closed the sequence although its signal never aborted/,
      );
    });
  });

  it('accepts a sendSequence that rejects with an aborted SinkError once its signal aborts', async () => {
    await withHarness(setupReferenceHarness(), async (harness) => {
      // Materializes the sequence and hands it to send(), which throws on an abort mid-request.
      const throwing: Sink = {
        ...harness.sink,
        sendSequence: async (records, options) => harness.sink.send([...records], options),
      };
      const aborting = conformanceRules['SINK-14'].cases[1]!;
      await expect(aborting.check({ ...harness, sink: throwing })).resolves.toBeUndefined();
    });
  });

  it('also catches a sink that retries on its own under SINK-8, pointing at SINK-11', async () => {
    await withHarness(setupReferenceHarness({ defects: ['retry-internally'] }), async (harness) => {
      await expect(conformanceRules['SINK-8'].check(harness)).rejects.toThrow(
        /every record was reported delivered although the destination failed a request \(429 Too Many Requests; 2 request\(s\) made\): the sink retried on its own \(see SINK-11\)/,
      );
    });
  });

  it('fails with instructions instead of passing when a rule needs a capability the harness lacks', async () => {
    await withHarness(setupReferenceHarness({ withCapabilities: false }), async (harness) => {
      const error = await conformanceRules['SINK-2']
        .check(harness)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SinkTestkitError);
      expect(error).not.toBeInstanceOf(ConformanceViolationError);
      expect(error).toMatchObject({ code: 'invalid-harness' });
      expect((error as Error).message).toContain(
        "SINK-2 needs the harness capability failRecords (make the destination refuse given records once; startFakeElasticsearch().failItems() does this). Add it to the harness, or declare { skip: { 'SINK-2': '<why the destination cannot offer it>' } }",
      );
      await expect(conformanceRules['SINK-9'].check(harness)).rejects.toMatchObject({
        code: 'invalid-harness',
      });
      await expect(conformanceRules['SINK-12'].check(harness)).rejects.toMatchObject({
        code: 'invalid-harness',
      });
    });
  });

  it('rejects a harness that breaks the contract before running anything', async () => {
    await withHarness(setupReferenceHarness(), async (harness) => {
      const before = harness.requestCount();
      await expect(conformanceRules['SINK-1'].check({ ...harness, timeoutMs: 50 })).rejects.toThrow(
        'Invalid conformance harness: harness.timeoutMs must be the sink’s request timeout, 200 to 5000 ms',
      );
      await expect(
        conformanceRules['SINK-1'].check({ ...harness, secrets: ['abc'] }),
      ).rejects.toThrow(
        'every harness.secrets entry must be at least 6 characters; received "3 characters"',
      );
      await expect(
        conformanceRules['SINK-9'].check({ ...harness, maxRequestBytes: 1000 }),
      ).rejects.toThrow(
        'harness.maxRequestBytes must be an integer from 16 KiB (the largest generated record must fit) to 4 MiB (a small limit keeps SINK-9 fast); received 1000',
      );
      await expect(conformanceRules['SINK-10'].check({ ...harness, secrets: [] })).rejects.toThrow(
        'SINK-10 needs harness.secrets',
      );
      expect(harness.requestCount()).toBe(before);
    });
  });
});
