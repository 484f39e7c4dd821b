import type { DeadLetterEntry, DeadLetterStore } from '@logferry/sink';

/**
 * Options of {@link createMemoryDeadLetterStore}.
 *
 * @example
 * ```ts
 * const options: MemoryDeadLetterStoreOptions = { fail: (call) => (call === 1 ? new Error('down') : undefined) };
 * ```
 */
export interface MemoryDeadLetterStoreOptions {
  /**
   * Returns an error to throw from the given 1-based write call, or `undefined` to store.
   * @default every write stored
   */
  readonly fail?: (call: number) => unknown;
}

/**
 * An in-memory dead-letter store that remembers what was durably written.
 *
 * @example
 * ```ts
 * const store: MemoryDeadLetterStore = createMemoryDeadLetterStore();
 * store.entries.length; // 0
 * ```
 */
export interface MemoryDeadLetterStore extends DeadLetterStore {
  readonly entries: readonly DeadLetterEntry[];
  /** Write calls, including failed ones. */
  readonly writes: number;
}

/**
 * Creates an in-memory {@link DeadLetterStore} for delivery-loop tests.
 *
 * @example
 * ```ts
 * const store = createMemoryDeadLetterStore();
 * await store.write([entry]);
 * store.entries.length; // 1
 * ```
 */
export function createMemoryDeadLetterStore(
  options: MemoryDeadLetterStoreOptions = {},
): MemoryDeadLetterStore {
  const entries: DeadLetterEntry[] = [];
  let writes = 0;
  return {
    entries,
    get writes() {
      return writes;
    },
    async write(batch) {
      writes += 1;
      const failure = options.fail?.(writes);
      if (failure !== undefined) throw failure;
      entries.push(...batch);
    },
  };
}
