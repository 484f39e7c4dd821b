import { type RecordOutcome, type Sink, SinkError, type SinkRecord } from '@logferry/sink';

/**
 * A sink whose answers come from a script: `answer(record, attempt)` gives each record's outcome
 * on the n-th `send` (1-based) — or a `SinkError` to throw for the whole call. Records every call.
 *
 * @example
 * ```ts
 * const sink = createScriptedSink('elasticsearch', (record, attempt) => attempt < 3 ? retryable : delivered);
 * ```
 */
export function createScriptedSink(
  name: string,
  answer: (record: SinkRecord, attempt: number) => RecordOutcome | SinkError,
): Sink & { readonly calls: SinkRecord[][] } {
  const calls: SinkRecord[][] = [];
  return {
    name,
    calls,
    async send(records) {
      calls.push([...records]);
      const attempt = calls.length;
      const outcomes = records.map((record) => answer(record, attempt));
      const thrown = outcomes.find((outcome) => outcome instanceof SinkError);
      if (thrown !== undefined) throw thrown;
      return {
        outcomes: outcomes as RecordOutcome[],
        requests: 1,
        bytesSent: 100 * records.length,
      };
    },
  };
}
