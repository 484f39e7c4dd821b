const MAX_DETAIL_CHARS = 200;

/**
 * Describes why `fetch` failed without an answer. Node's fetch throws `TypeError: fetch failed`
 * and puts the useful part in `cause` (`ECONNREFUSED`, `UND_ERR_SOCKET: other side closed`, …),
 * so that is what is reported. Neither carries request headers, so no credential can appear.
 *
 * @example
 * ```ts
 * describeNetworkError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET', message: 'read ECONNRESET' } }));
 * // 'ECONNRESET: read ECONNRESET'
 * ```
 */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const source = typeof cause === 'object' && cause !== null ? cause : error;
  const { code, message } = (source ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : String(source);
  const detail = typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
  return detail.length <= MAX_DETAIL_CHARS ? detail : `${detail.slice(0, MAX_DETAIL_CHARS - 1)}…`;
}
