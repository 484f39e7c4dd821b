import { gunzipSync, inflateSync } from 'node:zlib';

/**
 * The result of {@link decodeContentEncoding}: the decoded body, or why it could not be decoded.
 *
 * @example
 * ```ts
 * const decoded: DecodedBody = { ok: false, reason: 'unsupported content-encoding [br]' };
 * ```
 */
export type DecodedBody =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly reason: string };

/**
 * Undoes a request's `content-encoding` (`gzip`, `x-gzip`, `deflate` or `identity`), as a real
 * destination does before parsing the body.
 *
 * @example
 * ```ts
 * const decoded = decodeContentEncoding(gzipSync('{"a":1}\n'), 'gzip');
 * if (decoded.ok) decoded.body.toString('utf8'); // '{"a":1}\n'
 * ```
 */
export function decodeContentEncoding(
  raw: Buffer,
  contentEncoding: string | undefined,
): DecodedBody {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return { ok: true, body: raw };
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate') {
    return { ok: false, reason: `unsupported content-encoding [${encoding.slice(0, 40)}]` };
  }
  try {
    return { ok: true, body: encoding === 'deflate' ? inflateSync(raw) : gunzipSync(raw) };
  } catch (error) {
    // A corrupt body is the client's fault: report it in the response, like a real server would.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `failed to decompress the request body (content-encoding: ${encoding}): ${detail}`,
    };
  }
}
