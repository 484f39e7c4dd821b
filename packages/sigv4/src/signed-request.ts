/**
 * A signed request, ready to send as-is.
 *
 * @example
 * ```ts
 * const signed: SignedRequest = await signer.sign(request);
 * await fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
 * ```
 */
export interface SignedRequest {
  /** The method that was signed. */
  readonly method: string;
  /**
   * The URL to send to. Its query string is re-encoded in strict RFC 3986 form (and, for S3, its
   * path too) so that the bytes on the wire are exactly the ones that were signed.
   */
  readonly url: string;
  /**
   * Every header to send, with lower-case names: the caller's headers plus `host`, `x-amz-date`,
   * `authorization`, `x-amz-security-token` (temporary credentials) and `x-amz-content-sha256`
   * (S3, OpenSearch Serverless, or when `applyChecksum` is set).
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The body that was hashed: the caller's string, or its bytes as a `Uint8Array`. */
  readonly body: string | Uint8Array | undefined;
}
