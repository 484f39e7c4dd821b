/**
 * A request body the signer can hash up front: a string (sent as UTF-8) or raw bytes. Streams are
 * not accepted because SigV4 needs the payload's SHA-256 before the first byte is sent.
 *
 * @example
 * ```ts
 * const body: SignableBody = gzipSync(ndjson); // signed as the compressed bytes that are sent
 * ```
 */
export type SignableBody = string | Uint8Array | ArrayBufferView | ArrayBuffer;

/**
 * The request to sign. Header names are case-insensitive; values are trimmed the way `fetch` and
 * HTTP/1.1 trim them.
 *
 * @example
 * ```ts
 * const request: SignableRequest = {
 *   method: 'POST',
 *   url: 'https://search-logs-abc123.eu-west-1.es.amazonaws.com/_bulk',
 *   headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
 *   body: gzipSync(ndjson),
 * };
 * ```
 */
export interface SignableRequest {
  /** The HTTP method. `get`, `post`, … are upper-cased the way `fetch` does. */
  readonly method: string;
  /** The absolute `http:` or `https:` URL. */
  readonly url: string | URL;
  /**
   * Headers to send and sign. `host` defaults to the URL's host; `authorization`, `date` and
   * `x-amz-date` are replaced by the signer.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>> | Headers;
  /**
   * The exact bytes to send. `undefined`/`null` means no body.
   * @default undefined
   */
  readonly body?: SignableBody | null;
}
