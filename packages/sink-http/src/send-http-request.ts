import http from 'node:http';
import https from 'node:https';

/**
 * One request to make.
 *
 * @example
 * ```ts
 * const request: HttpRequestSpec = { url: new URL('https://logs.example.com/'), method: 'POST', headers: {}, body: Buffer.from('{}'), timeoutMs: 5000 };
 * ```
 */
export interface HttpRequestSpec {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent with a `content-length`; absent for requests without a body. */
  readonly body?: Buffer;
  /** Time allowed for the whole exchange: connect, upload, answer. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Connection pool; the sink owns one so `close()` can release it. */
  readonly agent?: http.Agent;
}

/**
 * How a request ended. Never an exception: the caller classifies every ending.
 *
 * - `response`: the intake answered (`bodyText` is at most the first 8 KiB, UTF-8 decoded);
 * - `timeout`, `aborted`, `network`: no (complete) answer.
 *
 * `sent` tells whether the whole request, body included, reached the connection: only then did
 * the intake receive a request, and only then is it counted.
 *
 * @example
 * ```ts
 * const exchange: HttpExchange = { kind: 'response', status: 202, headers: {}, bodyText: '{}', sent: true };
 * ```
 */
export type HttpExchange =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: http.IncomingHttpHeaders;
      readonly bodyText: string;
      readonly sent: boolean;
    }
  | {
      readonly kind: 'timeout' | 'aborted' | 'network';
      /** The socket error behind a `network` ending (e.g. `ECONNRESET`). */
      readonly error: Error | undefined;
      readonly sent: boolean;
    };

const maximumResponseBytes = 8192;

/**
 * Makes one HTTP request with `node:http`/`node:https`, bounded by a timeout covering the whole
 * exchange and by the caller's `AbortSignal`. The response body is drained (so the connection can
 * be reused) but only its first 8 KiB are kept, for error reasons.
 *
 * @example
 * ```ts
 * const exchange = await sendHttpRequest({ url, method: 'POST', headers, body, timeoutMs: 10_000, signal });
 * if (exchange.kind === 'response' && exchange.status === 413) {
 *   // split the batch
 * }
 * ```
 */
export function sendHttpRequest(spec: HttpRequestSpec): Promise<HttpExchange> {
  return new Promise((resolve) => {
    const client = spec.url.protocol === 'https:' ? https : http;
    let sent = false;
    let settled = false;
    let request: http.ClientRequest | undefined;
    const settle = (exchange: HttpExchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      resolve(exchange);
    };
    const stop = (kind: 'timeout' | 'aborted'): void => {
      settle({ kind, error: undefined, sent });
      request?.destroy();
    };
    const onAbort = (): void => stop('aborted');
    const timer = setTimeout(() => stop('timeout'), spec.timeoutMs);
    if (spec.signal?.aborted) {
      stop('aborted');
      return;
    }
    spec.signal?.addEventListener('abort', onAbort, { once: true });

    const headers: Record<string, string> = { ...spec.headers };
    if (spec.body !== undefined) headers['content-length'] = String(spec.body.length);
    request = client.request(spec.url, {
      method: spec.method,
      headers,
      ...(spec.agent === undefined ? {} : { agent: spec.agent }),
    });
    request.on('finish', () => {
      sent = true;
    });
    request.on('error', (error) => settle({ kind: 'network', error, sent }));
    request.on('response', (response) => {
      // The intake answered, so it read the request even if the body write never confirmed.
      sent = true;
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept >= maximumResponseBytes) return;
        chunks.push(chunk);
        kept += chunk.length;
      });
      const answer = (): void =>
        settle({
          kind: 'response',
          status: response.statusCode ?? 0,
          headers: response.headers,
          bodyText: Buffer.concat(chunks).subarray(0, maximumResponseBytes).toString('utf8'),
          sent,
        });
      response.on('end', answer);
      // A connection dropped mid-body still carried the status line: classify by it.
      response.on('error', answer);
      response.on('aborted', answer);
    });
    request.end(spec.body);
  });
}
