/**
 * The symbol `util.inspect` looks up for a custom rendering. Using `Symbol.for` keeps this package
 * free of a `node:util` import.
 *
 * @example
 * ```ts
 * const signer = { [inspectCustom]: () => 'RequestSigner { … }' };
 * ```
 */
export const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * The `inspect` function Node passes as the third argument of a custom inspect method.
 *
 * @example
 * ```ts
 * const render = (depth: number, options: unknown, inspect: InspectFunction) => inspect({ a: 1 }, options);
 * ```
 */
export type InspectFunction = (value: unknown, options: unknown) => string;
