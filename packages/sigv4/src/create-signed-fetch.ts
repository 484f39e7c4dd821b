import { createRequestSigner, type RequestSignerOptions } from './create-request-signer';
import { describeReceived } from './describe-received';
import { SigningError } from './errors';
import type { SignableRequest } from './signable-request';

/**
 * Options of {@link createSignedFetch}: the signer's options plus the `fetch` to call.
 *
 * @example
 * ```ts
 * const options: SignedFetchOptions = { service: 'aoss', region: 'us-east-1' };
 * ```
 */
export interface SignedFetchOptions extends RequestSignerOptions {
  /**
   * The `fetch` that sends the signed request.
   * @default globalThis.fetch, looked up at each call
   */
  readonly fetch?: typeof fetch;
}

/**
 * A function with `fetch`'s signature that signs each request before sending it.
 *
 * @example
 * ```ts
 * const signedFetch: SignedFetch = createSignedFetch({ service: 'es' });
 * const response = await signedFetch('https://search-logs-abc123.eu-west-1.es.amazonaws.com/_cluster/health');
 * ```
 */
export type SignedFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Wraps `fetch` so every request is SigV4-signed first. Bodies must be strings, `Uint8Array`s (or
 * other `ArrayBufferView`s) or `ArrayBuffer`s, which are hashed up front and sent byte for byte;
 * anything else is rejected with `unsupported-body` before `fetch` is called. Network errors and
 * HTTP error statuses come back from `fetch` unchanged.
 *
 * @throws {SigningError} `invalid-options` at construction; signing errors per call.
 *
 * @example
 * ```ts
 * import { gzipSync } from 'node:zlib';
 *
 * const signedFetch = createSignedFetch({ service: 'es' });
 * const response = await signedFetch('https://search-logs-abc123.eu-west-1.es.amazonaws.com/_bulk', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
 *   body: gzipSync(ndjson),
 * });
 * ```
 */
export function createSignedFetch(options: SignedFetchOptions = {}): SignedFetch {
  const { fetch: fetchOption, ...signerOptions } = options ?? {};
  if (fetchOption !== undefined && typeof fetchOption !== 'function') {
    throw new SigningError(
      `The "fetch" option must be a fetch function, received ${describeReceived(fetchOption)}.`,
      { code: 'invalid-options' },
    );
  }
  const signer = createRequestSigner(signerOptions);

  return async function signedFetch(input, init = {}) {
    const request = input instanceof Request ? input : undefined;
    let headers: Headers;
    try {
      headers = new Headers(init.headers ?? request?.headers);
    } catch (error) {
      throw new SigningError(
        `The request headers are not valid HTTP headers: ${error instanceof Error ? describeReceived(error.message) : describeReceived(error)}.`,
        { code: 'invalid-request', cause: error },
      );
    }
    if (init.body === undefined && request !== undefined && request.body !== null) {
      throw new SigningError(
        `A Request's body is a stream, which cannot be hashed before it is sent; pass the body as a string or Uint8Array in the init argument instead (received a Request with a body for ${describeReceived(request.method)}).`,
        { code: 'unsupported-body' },
      );
    }
    const signed = await signer.sign({
      method: init.method ?? request?.method ?? 'GET',
      url: request?.url ?? (input as string | URL),
      headers,
      // Checked at run time: anything but a string or bytes is `unsupported-body`.
      body: init.body as SignableRequest['body'],
    });
    const { host, ...headersToSend } = signed.headers;
    // fetch always sends the URL's host and ignores a host header, so a different one would be
    // signed but never sent.
    const urlHost = new URL(signed.url).host;
    if (host !== urlHost) {
      throw new SigningError(
        `fetch always sends the URL's host (${describeReceived(urlHost)}) and cannot send the host header ${describeReceived(host)}; drop the header, or sign with createRequestSigner and send with an HTTP client that can set Host.`,
        { code: 'invalid-request' },
      );
    }
    const fetchFunction = fetchOption ?? globalThis.fetch;
    return fetchFunction(signed.url, {
      ...(request === undefined ? {} : { signal: request.signal, redirect: request.redirect }),
      ...init,
      method: signed.method,
      headers: headersToSend,
      body: signed.body,
    });
  };
}
