import {
  createRequestSigner,
  type RequestSignerOptions,
  type SignOptions,
} from './create-request-signer';
import type { SignableRequest } from './signable-request';
import type { SignedRequest } from './signed-request';

/**
 * Signs one request without keeping a signer around. Credentials from a provider are not cached
 * between calls: build a signer with {@link createRequestSigner} when signing more than once.
 *
 * @throws {SigningError}
 *
 * @example
 * ```ts
 * const signed = await signRequest(
 *   { method: 'GET', url: 'https://abc123.us-east-1.aoss.amazonaws.com/logs-*\/_search' },
 *   { credentials: { accessKeyId, secretAccessKey } },
 * );
 * ```
 */
export function signRequest(
  request: SignableRequest,
  options: RequestSignerOptions & SignOptions = {},
): Promise<SignedRequest> {
  const { signingDate, ...signerOptions } = options;
  return createRequestSigner(signerOptions).sign(request, { signingDate });
}
