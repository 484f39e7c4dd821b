/**
 * What the source holds: archive objects (every event the Lambda shipped) or dead-letter objects
 * (what a sink rejected or the decoder could not read).
 *
 * @example
 * ```ts
 * const mode: ReplayMode = 'dead-letters';
 * ```
 */
export type ReplayMode = 'archive' | 'dead-letters';
