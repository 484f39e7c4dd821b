import { decodeSubscriptionMessage, encodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { type RecordOutcome, type SendResult, SinkError } from '@logferry/sink';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliverBatch } from './deliver-batch';
import { buildDataMessage, controlMessage } from './testing/build-data-message';
import { buildKinesisEvent } from './testing/build-kinesis-event';
import { createFakeClock } from './testing/create-fake-clock';
import { createMemoryDeadLetterStore } from './testing/create-memory-dead-letter-store';
import { createScriptedSink } from './testing/create-scripted-sink';

const recordArbitrary = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('data' as const),
      logGroup: fc.constantFrom('foo', 'bar', '/aws/lambda/logferry'),
      eventCount: fc.integer({ min: 0, max: 4 }),
    }),
    weight: 6,
  },
  { arbitrary: fc.constant({ kind: 'undecodable' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'control' as const }), weight: 1 },
);

const callBehaviour = fc.constantFrom(
  'normal',
  'normal',
  'normal',
  'retryable-error',
  'fatal-error',
  'outcome-count-mismatch',
);

const sinkArbitrary = fc.record({
  decide: fc.func(
    fc.constantFrom<RecordOutcome['status']>('delivered', 'delivered', 'retryable', 'rejected'),
  ),
  calls: fc.array(callBehaviour, { maxLength: 6 }),
  sendDurationMs: fc.integer({ min: 0, max: 3_000 }),
});

const scenarioArbitrary = fc.record({
  records: fc.array(recordArbitrary, { minLength: 1, maxLength: 6 }),
  sinks: fc.array(sinkArbitrary, { minLength: 1, maxLength: 3 }),
  deadLetterWrites: fc.array(fc.constantFrom('ok', 'ok', 'retryable', 'fatal'), { maxLength: 4 }),
  remainingMs: fc.integer({ min: 0, max: 30_000 }),
  retryBudgetMs: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
  random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  // With one sink: whether it takes records on demand, and how many before it stops (an abort).
  sequence: fc.option(
    fc.record({ take: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }) }),
    {
      nil: undefined,
    },
  ),
});

describe('deliverBatch (property)', () => {
  it('accounts for every event in every sink: delivered, dead-lettered or handed back — never dropped', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const clock = createFakeClock();
        const event = buildKinesisEvent(
          scenario.records.map((record, recordIndex) => {
            if (record.kind === 'undecodable') return { data: 'bm90IGd6aXA=' };
            if (record.kind === 'control')
              return { data: encodeSubscriptionMessage(controlMessage) };
            const ids = Array.from({ length: record.eventCount }, (_, i) => `r${recordIndex}e${i}`);
            return { data: encodeSubscriptionMessage(buildDataMessage(record.logGroup, ids)) };
          }),
        );
        const sinks = scenario.sinks.map((script, sinkIndex) =>
          createScriptedSink({
            name: `sink-${sinkIndex}`,
            decide: (record, attempt): RecordOutcome => {
              const status = script.decide(record.id, attempt);
              return status === 'delivered' ? { status } : { status, reason: `scripted ${status}` };
            },
            beforeSend: (call) => {
              clock.advance(script.sendDurationMs);
              const behaviour = script.calls[call - 1] ?? 'normal';
              if (behaviour === 'retryable-error') {
                throw new SinkError('scripted 503', { code: 'server', retryable: true });
              }
              if (behaviour === 'fatal-error') {
                throw new SinkError('scripted 401', { code: 'authentication', retryable: false });
              }
            },
            ...(scenario.sequence === undefined ? {} : { sequence: scenario.sequence }),
          }),
        );
        // The contract-violation behaviour needs a sink that answers with too few outcomes.
        const wrapped = sinks.map((sink, sinkIndex) => {
          const misbehave = (result: SendResult): SendResult => {
            const behaviour = scenario.sinks[sinkIndex]?.calls[sink.calls.length - 1];
            if (behaviour !== 'outcome-count-mismatch') return result;
            // Undo what the scripted sink counted as delivered: the loop must not trust it.
            for (const id of sink.calls.at(-1)?.ids ?? []) {
              const count = sink.delivered.get(id) ?? 0;
              if (count > 0) (sink.delivered as Map<string, number>).set(id, count - 1);
            }
            return { ...result, outcomes: result.outcomes.slice(1) };
          };
          const sendSequence = sink.sendSequence;
          return {
            name: sink.name,
            send: async (...parameters: Parameters<typeof sink.send>) =>
              misbehave(await sink.send(...parameters)),
            ...(sendSequence === undefined
              ? {}
              : {
                  sendSequence: async (...parameters: Parameters<typeof sendSequence>) =>
                    misbehave(await sendSequence(...parameters)),
                }),
          };
        });
        const deadLetterStore = createMemoryDeadLetterStore({
          fail: (call) => {
            const behaviour = scenario.deadLetterWrites[call - 1] ?? 'ok';
            if (behaviour === 'retryable') {
              return new SinkError('scripted 503', { code: 'server', retryable: true });
            }
            if (behaviour === 'fatal') {
              return new SinkError('scripted 403', { code: 'authentication', retryable: false });
            }
            return undefined;
          },
        });

        const report = await deliverBatch(event, {
          sinks: wrapped,
          deadLetterStore,
          decode: decodeSubscriptionMessage,
          ownLogGroup: '/aws/lambda/logferry',
          getRemainingTimeInMillis: () => scenario.remainingMs,
          retryBudgetMs: scenario.retryBudgetMs,
          now: clock.now,
          sleep: clock.sleep,
          random: () => scenario.random,
        });

        const handedBack = new Set(
          report.batchItemFailures.map((failure) => failure.itemIdentifier),
        );
        const sequenceNumbers = event.Records.map((record) => record.kinesis.sequenceNumber);
        // Reported in batch order, each once, only sequence numbers of this batch.
        expect(report.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
          sequenceNumbers.filter((sequenceNumber) => handedBack.has(sequenceNumber)),
        );

        const deadLettered = new Map<string, number>();
        for (const entry of deadLetterStore.entries) {
          const key =
            entry.kind === 'rejected-record'
              ? `${entry.record.id}@${entry.sink}`
              : `undecodable@${entry.sequenceNumber}`;
          deadLettered.set(key, (deadLettered.get(key) ?? 0) + 1);
        }
        expect([...deadLettered.values()].every((count) => count === 1)).toBe(true);

        const unsettledRecords = new Set<string>();
        let expectedEvents = 0;
        scenario.records.forEach((record, recordIndex) => {
          const sequenceNumber = sequenceNumbers[recordIndex] as string;
          if (record.kind === 'undecodable') {
            const stored = deadLettered.has(`undecodable@${sequenceNumber}`);
            expect(stored || handedBack.has(sequenceNumber)).toBe(true);
            if (!stored) unsettledRecords.add(sequenceNumber);
            return;
          }
          if (record.kind === 'control' || record.logGroup === '/aws/lambda/logferry') return;
          for (let eventIndex = 0; eventIndex < record.eventCount; eventIndex += 1) {
            expectedEvents += 1;
            const id = `r${recordIndex}e${eventIndex}`;
            for (const sink of sinks) {
              const delivered = (sink.delivered.get(id) ?? 0) > 0;
              const dead = deadLettered.has(`${id}@${sink.name}`);
              expect(delivered && dead).toBe(false);
              if (!delivered && !dead) {
                expect(handedBack.has(sequenceNumber)).toBe(true);
                unsettledRecords.add(sequenceNumber);
              }
            }
          }
        });
        // Only records with something unsettled are handed back.
        expect([...handedBack].sort()).toEqual([...unsettledRecords].sort());
        expect(report.events).toBe(expectedEvents);
        for (const sinkReport of report.sinks) {
          expect(sinkReport.delivered + sinkReport.deadLettered + sinkReport.handedBack).toBe(
            expectedEvents,
          );
        }
        expect(report.deadLettered).toBe(deadLetterStore.entries.length);
      }),
      { numRuns: 300 },
    );
  });
});
