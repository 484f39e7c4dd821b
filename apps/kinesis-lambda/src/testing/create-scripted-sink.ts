import type { RecordOutcome, SendOptions, SendResult, Sink, SinkRecord } from '@logferry/sink';

/**
 * One `send` call as the scripted sink saw it.
 *
 * @example
 * ```ts
 * const [first]: readonly ScriptedSendCall[] = sink.calls;
 * first?.ids; // ['a1', 'a2']
 * ```
 */
export interface ScriptedSendCall {
  /** Event ids of the records, in order. */
  readonly ids: readonly string[];
  readonly signal: AbortSignal | undefined;
}

/**
 * Options of {@link createScriptedSink}.
 *
 * @example
 * ```ts
 * const options: ScriptedSinkOptions = { name: 'elasticsearch', decide: () => ({ status: 'delivered' }) };
 * ```
 */
export interface ScriptedSinkOptions {
  /**
   * The sink's name.
   * @default 'scripted'
   */
  readonly name?: string;
  /**
   * The outcome of one record; `attempt` is 1 the first time this sink sees the record.
   * @default every record delivered
   */
  readonly decide?: (record: SinkRecord, attempt: number) => RecordOutcome;
  /**
   * Called before each send with the 1-based call number; whatever it throws (or the promise it
   * returns rejects with) is thrown by `send`. Use it for whole-call failures and hangs.
   * @default nothing
   */
  readonly beforeSend?: (call: number, options: SendOptions | undefined) => unknown;
  /**
   * Gives the sink `sendSequence` too, taking at most `take` records from the sequence (as a sink
   * that stopped on an abort would), one by one, after `beforeSend`.
   * @default undefined (no `sendSequence`)
   */
  readonly sequence?: { readonly take?: number };
}

/**
 * An in-memory sink whose outcomes follow a script, recording what it was asked and stored.
 *
 * @example
 * ```ts
 * const sink: ScriptedSink = createScriptedSink({ name: 'archive' });
 * sink.delivered.get('a1'); // 1 after a successful send
 * ```
 */
export interface ScriptedSink extends Sink {
  readonly calls: readonly ScriptedSendCall[];
  /** How many times each event id was delivered. */
  readonly delivered: ReadonlyMap<string, number>;
}

/**
 * Creates an in-memory {@link Sink} for delivery-loop tests: outcomes come from a script, and it
 * remembers every call and every delivered id.
 *
 * @example
 * ```ts
 * const sink = createScriptedSink({
 *   name: 'elasticsearch',
 *   decide: (_record, attempt) => (attempt === 1 ? { status: 'retryable', reason: 'throttled' } : { status: 'delivered' }),
 * });
 * ```
 */
export function createScriptedSink(options: ScriptedSinkOptions = {}): ScriptedSink {
  const calls: ScriptedSendCall[] = [];
  const delivered = new Map<string, number>();
  const attempts = new Map<string, number>();
  const decide = options.decide ?? (() => ({ status: 'delivered' }) as const);
  const settle = (records: readonly SinkRecord[]): SendResult => {
    const outcomes = records.map((record) => {
      const attempt = (attempts.get(record.id) ?? 0) + 1;
      attempts.set(record.id, attempt);
      const outcome = decide(record, attempt);
      if (outcome.status === 'delivered') {
        delivered.set(record.id, (delivered.get(record.id) ?? 0) + 1);
      }
      return outcome;
    });
    return {
      outcomes,
      requests: records.length === 0 ? 0 : 1,
      bytesSent: records.reduce((total, record) => total + record.message.length, 0),
    };
  };
  const sink: ScriptedSink = {
    name: options.name ?? 'scripted',
    calls,
    delivered,
    async send(records: readonly SinkRecord[], sendOptions?: SendOptions): Promise<SendResult> {
      calls.push({ ids: records.map((record) => record.id), signal: sendOptions?.signal });
      await options.beforeSend?.(calls.length, sendOptions);
      return settle(records);
    },
  };
  const { sequence } = options;
  if (sequence === undefined) return sink;
  return {
    ...sink,
    async sendSequence(records: Iterable<SinkRecord>, sendOptions?: SendOptions) {
      const ids: string[] = [];
      calls.push({ ids, signal: sendOptions?.signal });
      await options.beforeSend?.(calls.length, sendOptions);
      // By hand, not for-of: a sink must not pull a record it will not report on.
      const iterator = records[Symbol.iterator]();
      const taken: SinkRecord[] = [];
      while (taken.length < (sequence.take ?? Number.POSITIVE_INFINITY)) {
        const step = iterator.next();
        if (step.done === true) break;
        taken.push(step.value);
        ids.push(step.value.id);
      }
      return settle(taken);
    },
  };
}
