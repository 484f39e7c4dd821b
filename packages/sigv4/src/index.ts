export {
  type CachedCredentialsProvider,
  type CredentialsProviderOptions,
  type CredentialsSource,
  createCredentialsProvider,
} from './create-credentials-provider';
export {
  createRequestSigner,
  type RequestSigner,
  type RequestSignerOptions,
  type SignOptions,
} from './create-request-signer';
export {
  createSignedFetch,
  type SignedFetch,
  type SignedFetchOptions,
} from './create-signed-fetch';
export {
  isSigningError,
  SigningError,
  type SigningErrorCode,
  type SigningErrorOptions,
} from './errors';
export { type AwsEndpoint, inferAwsEndpoint } from './infer-aws-endpoint';
export { signRequest } from './sign-request';
export type { SignableBody, SignableRequest } from './signable-request';
export type { SignedRequest } from './signed-request';
