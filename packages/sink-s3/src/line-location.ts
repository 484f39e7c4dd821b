/**
 * Where a line came from, for error messages.
 *
 * @example
 * ```ts
 * const where: LineLocation = { key: 'archive/log_group=foo/dt=2024-06-01/hour=00/x.ndjson.gz', lineNumber: 7 };
 * ```
 */
export interface LineLocation {
  /**
   * The object key.
   * @default undefined
   */
  readonly key?: string;
  /**
   * The 1-based line number.
   * @default undefined
   */
  readonly lineNumber?: number;
}
