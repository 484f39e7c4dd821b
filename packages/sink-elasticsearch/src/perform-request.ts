import { isSigningError, type SigningError } from '@logferry/sigv4';
import type { RequestAuthorizer } from './create-request-authorizer';

/**
 * How one HTTP exchange ended. `requestSent` tells whether `fetch` was called (the request counts
 * towards `SendResult.requests`).
 *
 * @example
 * ```ts
 * const exchange: HttpExchange = { kind: 'timeout', requestSent: true };
 * ```
 */
export type HttpExchange =
  | {
      readonly kind: 'response';
      readonly requestSent: true;
      readonly status: number;
      readonly statusText: string;
      /** The `content-type` header, lower-cased; empty when absent. */
      readonly contentType: string;
      /** AWS front ends name their error in `x-amzn-errortype`; empty when absent. */
      readonly awsErrorType: string;
      readonly body: string;
    }
  /** No complete answer within `timeoutMs`. */
  | { readonly kind: 'timeout'; readonly requestSent: boolean }
  /** The connection failed (refused, reset, closed early, DNS) before a complete answer. */
  | { readonly kind: 'network'; readonly requestSent: true; readonly error: unknown }
  /** The caller's signal (or `close()`) aborted the exchange. */
  | { readonly kind: 'aborted'; readonly requestSent: boolean }
  /** SigV4 signing failed before anything was sent (credentials missing or provider failed). */
  | { readonly kind: 'signing-failed'; readonly requestSent: false; readonly error: SigningError };

/**
 * A request to perform. The body is the exact bytes to send.
 *
 * @example
 * ```ts
 * const request: HttpRequestSpec = { method: 'GET', url: 'https://es.example.com/', headers: {}, body: undefined };
 * ```
 */
export interface HttpRequestSpec {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
}

/**
 * What every exchange shares: how to authenticate, which `fetch`, how long to wait.
 *
 * @example
 * ```ts
 * const transport: HttpTransport = { authorizer, resolveFetch: () => globalThis.fetch, timeoutMs: 30_000 };
 * ```
 */
export interface HttpTransport {
  readonly authorizer: RequestAuthorizer;
  readonly resolveFetch: () => typeof fetch;
  readonly timeoutMs: number;
}

/**
 * Performs one HTTP exchange — authorize (sign), send, read the whole answer — under one deadline
 * of `timeoutMs` and the given abort signals, and reports how it ended instead of throwing. The
 * timer and the listeners are always removed, so nothing outlives the call.
 *
 * Redirects are not followed (`redirect: 'manual'`): a cluster URL that redirects is a
 * configuration error, and following it would re-send the body (and credentials) elsewhere.
 *
 * @example
 * ```ts
 * const exchange = await performRequest(transport, { method: 'GET', url, headers: {}, body: undefined }, [signal]);
 * if (exchange.kind === 'response' && exchange.status === 200) JSON.parse(exchange.body);
 * ```
 */
export async function performRequest(
  transport: HttpTransport,
  request: HttpRequestSpec,
  signals: readonly (AbortSignal | undefined)[],
): Promise<HttpExchange> {
  const controller = new AbortController();
  let ending: 'timeout' | 'aborted' | undefined;
  const stop = (reason: 'timeout' | 'aborted') => {
    ending ??= reason;
    controller.abort(
      new DOMException(
        reason === 'timeout'
          ? `no answer within ${transport.timeoutMs} ms`
          : 'aborted by the caller',
        reason === 'timeout' ? 'TimeoutError' : 'AbortError',
      ),
    );
  };
  const onAbort = () => stop('aborted');
  const timer = setTimeout(() => stop('timeout'), transport.timeoutMs);
  const watched = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  for (const signal of watched) {
    if (signal.aborted) stop('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  // Signing may wait on a credentials provider: race it against the same deadline.
  const whenStopped = new Promise<never>((_resolve, reject) => {
    if (controller.signal.aborted) reject(controller.signal.reason);
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    });
  });
  whenStopped.catch(() => {});
  let requestSent = false;
  try {
    if (ending !== undefined) return { kind: ending, requestSent };
    let authorized: { url: string; headers: Record<string, string> };
    try {
      authorized = await Promise.race([transport.authorizer.authorize(request), whenStopped]);
    } catch (error) {
      if (ending !== undefined) return { kind: ending, requestSent };
      if (isSigningError(error)) return { kind: 'signing-failed', requestSent: false, error };
      throw error;
    }
    const fetchFunction = transport.resolveFetch();
    requestSent = true;
    try {
      const response = await fetchFunction(authorized.url, {
        method: request.method,
        headers: authorized.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: 'manual',
        signal: controller.signal,
      });
      const body = await response.text();
      return {
        kind: 'response',
        requestSent: true,
        status: response.status,
        statusText: response.statusText,
        contentType: (response.headers.get('content-type') ?? '').toLowerCase(),
        awsErrorType: response.headers.get('x-amzn-errortype') ?? '',
        body,
      };
    } catch (error) {
      if (ending !== undefined) return { kind: ending, requestSent };
      return { kind: 'network', requestSent: true, error };
    }
  } finally {
    clearTimeout(timer);
    for (const signal of watched) signal.removeEventListener('abort', onAbort);
  }
}
