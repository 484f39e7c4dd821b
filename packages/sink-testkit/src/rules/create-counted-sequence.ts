import type { SinkRecord } from '@logferry/sink';

/**
 * How a sink consumed a {@link CountedSequence} so far.
 *
 * @example
 * ```ts
 * const consumption: SequenceConsumption = { iterations: 1, taken: 40, exhausted: true, closed: false, callsAfterEnd: 0 };
 * ```
 */
export interface SequenceConsumption {
  /** Calls of the sequence's `[Symbol.iterator]()`: one per pass over it. */
  readonly iterations: number;
  /** Records `next()` handed out; they are always the first `taken` records, in order. */
  readonly taken: number;
  /** Whether `next()` reported `done`: the sink took records until the sequence ended. */
  readonly exhausted: boolean;
  /** Whether the sink closed the sequence early with `return()` (as leaving a `for…of` does). */
  readonly closed: boolean;
  /** `next()` calls after the sequence was exhausted or closed. */
  readonly callsAfterEnd: number;
}

/**
 * Options of {@link createCountedSequence}.
 *
 * @example
 * ```ts
 * const options: CountedSequenceOptions = { beforeTake: (taken) => { if (taken === 3) controller.abort(); } };
 * ```
 */
export interface CountedSequenceOptions {
  /**
   * Runs when the sink asks for a record, before it gets it, with the number taken so far; not
   * called once the sequence is exhausted or closed. Rules use it to abort a signal from inside the sequence.
   * @default none
   */
  readonly beforeTake?: (taken: number) => void;
}

/**
 * A generator of records, as a caller streams a batch to `sendSequence()`, that counts how the
 * sink consumes it.
 *
 * @example
 * ```ts
 * const sequence = createCountedSequence(records);
 * await sink.sendSequence!(sequence.records);
 * sequence.consumption().iterations; // 1
 * ```
 */
export interface CountedSequence {
  /** The iterable to pass to `sendSequence()`. */
  readonly records: Iterable<SinkRecord>;
  /** A snapshot of how the sink consumed `records`. */
  consumption(): SequenceConsumption;
}

/**
 * Wraps one generator over `records` in a counting iterable. Like a generator object, every
 * `[Symbol.iterator]()` call returns the same iterator, so a second pass sees only what the
 * first left; the counts show a sink that iterates twice, takes too few records, or asks for
 * more after the end (an iterator is not required to stay done).
 *
 * @example
 * ```ts
 * const sequence = createCountedSequence(createTestRecords(40));
 * const result = await sink.sendSequence!(sequence.records);
 * result.outcomes.length === sequence.consumption().taken; // true for a conforming sink
 * ```
 */
export function createCountedSequence(
  records: readonly SinkRecord[],
  options: CountedSequenceOptions = {},
): CountedSequence {
  const source = generateRecords(records);
  let iterations = 0;
  let taken = 0;
  let exhausted = false;
  let closed = false;
  let callsAfterEnd = 0;

  const iterator: IterableIterator<SinkRecord> = {
    next(): IteratorResult<SinkRecord> {
      if (exhausted || closed) {
        callsAfterEnd += 1;
        return { done: true, value: undefined };
      }
      options.beforeTake?.(taken);
      const step = source.next();
      if (step.done === true) {
        exhausted = true;
        return { done: true, value: undefined };
      }
      taken += 1;
      return step;
    },
    return(): IteratorResult<SinkRecord> {
      if (!exhausted) closed = true;
      source.return(undefined);
      return { done: true, value: undefined };
    },
    // A sink may iterate the iterator it got (`for (… of iterator)`): that is not a new pass.
    [Symbol.iterator]() {
      return iterator;
    },
  };

  return {
    records: {
      [Symbol.iterator]() {
        iterations += 1;
        return iterator;
      },
    },
    consumption: () => ({ iterations, taken, exhausted, closed, callsAfterEnd }),
  };
}

function* generateRecords(records: readonly SinkRecord[]): Generator<SinkRecord, void, undefined> {
  yield* records;
}
