import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { describeReceived } from './describe-received';
import { SigningError } from './errors';
import { type InspectFunction, inspectCustom } from './inspect-custom';
import { redactAccessKeyId, redactedSecret } from './redact-access-key-id';

/**
 * Where credentials come from: a static key pair, or any async provider with the AWS SDK's
 * `AwsCredentialIdentityProvider` shape (for example `fromNodeProviderChain()` from
 * `@aws-sdk/credential-providers`).
 *
 * @example
 * ```ts
 * const fromSdk: CredentialsSource = fromNodeProviderChain();
 * const fixed: CredentialsSource = { accessKeyId: 'AKIA…', secretAccessKey: '…' };
 * ```
 */
export type CredentialsSource = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/**
 * Options of {@link createCredentialsProvider}.
 *
 * @example
 * ```ts
 * const options: CredentialsProviderOptions = { credentials: fromNodeProviderChain(), refreshBeforeExpiryMs: 300_000 };
 * ```
 */
export interface CredentialsProviderOptions {
  /**
   * Static credentials or an async provider (a provider built by this function is returned as it
   * is, keeping its own cache and options). Without it, `AWS_ACCESS_KEY_ID`,
   * `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` are read from `process.env` at every call (as
   * Lambda sets them), never at import time.
   * @default undefined (environment variables)
   */
  readonly credentials?: CredentialsSource;
  /**
   * How long before `expiration` cached provider credentials are replaced, so a request signed
   * just before expiry does not arrive with dead credentials.
   * @default 300000 (5 minutes)
   */
  readonly refreshBeforeExpiryMs?: number;
  /**
   * The clock, in epoch milliseconds. Tests pass a fake one.
   * @default Date.now
   */
  readonly now?: () => number;
}

/**
 * A credentials provider that caches what it resolves until shortly before it expires, shares one
 * in-flight refresh between concurrent callers, and never shows a secret in `util.inspect` or
 * `JSON.stringify` output. It is itself an `AwsCredentialIdentityProvider`, so it can be handed to
 * several signers (and to AWS SDK clients) to share one cache.
 *
 * @example
 * ```ts
 * const credentials: CachedCredentialsProvider = createCredentialsProvider({ credentials: fromNodeProviderChain() });
 * const identity = await credentials();
 * ```
 */
export interface CachedCredentialsProvider extends AwsCredentialIdentityProvider {
  (): Promise<AwsCredentialIdentity>;
  /** Where the credentials come from. */
  readonly source: 'environment' | 'static' | 'provider';
  /** Drops the cached credentials so the next call asks the provider again (after a 403, say). */
  invalidate(): void;
  /** A redacted description: the source and, at most, the access key id's first characters. */
  toJSON(): Record<string, unknown>;
}

const providerBrand = Symbol.for('@logferry/sigv4/cached-credentials-provider');
const defaultRefreshBeforeExpiryMs = 5 * 60 * 1000;

/**
 * Builds the credentials provider every signer uses. Static credentials are validated now;
 * environment variables are read at each call; provider results are cached and refreshed
 * `refreshBeforeExpiryMs` before their `expiration`, with concurrent callers sharing one refresh.
 *
 * @throws {SigningError} `invalid-options` at construction for a malformed option;
 * `missing-credentials` when the environment lacks `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`;
 * `credentials-provider-failed` (retryable) when the provider throws or returns something that is
 * not credentials.
 *
 * @example
 * ```ts
 * import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
 *
 * const credentials = createCredentialsProvider({ credentials: fromNodeProviderChain() });
 * const elasticsearch = createRequestSigner({ service: 'es', credentials });
 * const archive = createRequestSigner({ service: 's3', credentials }); // one shared cache
 * ```
 */
export function createCredentialsProvider(
  options: CredentialsProviderOptions = {},
): CachedCredentialsProvider {
  if (typeof options !== 'object' || options === null) {
    throw new SigningError(
      `createCredentialsProvider options must be an object, received ${describeReceived(options)}.`,
      { code: 'invalid-options' },
    );
  }
  const refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? defaultRefreshBeforeExpiryMs;
  if (!Number.isFinite(refreshBeforeExpiryMs) || refreshBeforeExpiryMs < 0) {
    throw new SigningError(
      `The "refreshBeforeExpiryMs" option must be a finite number of milliseconds >= 0, received ${describeReceived(refreshBeforeExpiryMs)}.`,
      { code: 'invalid-options' },
    );
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') {
    throw new SigningError(
      `The "now" option must be a function returning epoch milliseconds, received ${describeReceived(now)}.`,
      { code: 'invalid-options' },
    );
  }

  const source = options.credentials;
  if (isCachedCredentialsProvider(source)) return source;
  if (source === undefined) {
    return createBrandedProvider('environment', readEnvironmentCredentials, () => ({}));
  }
  if (typeof source === 'function') {
    return createCachingProvider(source, refreshBeforeExpiryMs, now);
  }
  const problem = findCredentialsProblem(source);
  if (problem !== undefined) {
    throw new SigningError(
      `The "credentials" option must be an AWS SDK credentials provider function or an object with string accessKeyId and secretAccessKey, but ${problem}.`,
      { code: 'invalid-options' },
    );
  }
  const credentials = createRedactedCredentials(source);
  return createBrandedProvider(
    'static',
    async () => credentials,
    () => ({ credentials: credentials.toJSON() }),
  );
}

/**
 * Tells whether a value was built by {@link createCredentialsProvider}, so it can be shared
 * instead of being wrapped (and cached) a second time.
 */
function isCachedCredentialsProvider(value: unknown): value is CachedCredentialsProvider {
  return (
    typeof value === 'function' && (value as { [providerBrand]?: unknown })[providerBrand] === true
  );
}

function createCachingProvider(
  provider: AwsCredentialIdentityProvider,
  refreshBeforeExpiryMs: number,
  now: () => number,
): CachedCredentialsProvider {
  let cached: { credentials: RedactedCredentials; refreshAt: number } | undefined;
  let inFlight: Promise<RedactedCredentials> | undefined;

  async function fetchCredentials(): Promise<RedactedCredentials> {
    let resolved: unknown;
    try {
      resolved = await provider();
    } catch (error) {
      throw new SigningError(
        `The credentials provider failed (${error instanceof Error ? describeReceived(error.message) : describeReceived(error)}), so the request was not signed; the provider is asked again on the next call. See "cause" for the provider's error.`,
        { code: 'credentials-provider-failed', retryable: true, cause: error },
      );
    }
    const problem = findCredentialsProblem(resolved);
    if (problem !== undefined) {
      throw new SigningError(
        `The credentials provider must resolve to an object with string accessKeyId and secretAccessKey (and optionally sessionToken and an expiration Date), but ${problem}.`,
        { code: 'credentials-provider-failed', retryable: true },
      );
    }
    const credentials = createRedactedCredentials(resolved as AwsCredentialIdentity);
    const expiresAt = credentials.expiration?.getTime();
    cached = {
      credentials,
      refreshAt:
        expiresAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - refreshBeforeExpiryMs,
    };
    return credentials;
  }

  async function resolveCredentials(): Promise<AwsCredentialIdentity> {
    if (cached !== undefined && now() < cached.refreshAt) return cached.credentials;
    // Concurrent signs during a refresh wait for the same provider call instead of starting one each.
    inFlight ??= fetchCredentials().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return createBrandedProvider(
    'provider',
    resolveCredentials,
    () => ({ cached: cached?.credentials.toJSON() }),
    () => {
      cached = undefined;
    },
  );
}

async function readEnvironmentCredentials(): Promise<AwsCredentialIdentity> {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  const missing = [
    accessKeyId ? undefined : 'AWS_ACCESS_KEY_ID',
    secretAccessKey ? undefined : 'AWS_SECRET_ACCESS_KEY',
  ].filter((name) => name !== undefined);
  if (missing.length > 0 || !accessKeyId || !secretAccessKey) {
    throw new SigningError(
      `No credentials to sign with: the "credentials" option was not given, so they are read from the environment, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set. Set both variables (Lambda does), or pass "credentials" (for example fromNodeProviderChain()).`,
      { code: 'missing-credentials' },
    );
  }
  return createRedactedCredentials({
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
  });
}

function createBrandedProvider(
  source: CachedCredentialsProvider['source'],
  resolve: () => Promise<AwsCredentialIdentity>,
  describe: () => Record<string, unknown>,
  invalidate: () => void = () => {},
): CachedCredentialsProvider {
  const provider = (() => resolve()) as CachedCredentialsProvider;
  const toJSON = () => ({ source, ...describe() });
  Object.defineProperties(provider, {
    source: { value: source, enumerable: true },
    invalidate: { value: invalidate },
    toJSON: { value: toJSON },
    [inspectCustom]: {
      value: (_depth: number, inspectOptions: unknown, inspect: InspectFunction) =>
        `CachedCredentialsProvider ${inspect(toJSON(), inspectOptions)}`,
    },
    [providerBrand]: { value: true },
  });
  return provider;
}

/** Says what is wrong with a would-be credentials object, without quoting any of its values. */
function findCredentialsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `received ${describeReceived(value)}`;
  const candidate = value as Record<string, unknown>;
  for (const field of ['accessKeyId', 'secretAccessKey'] as const) {
    const fieldValue = candidate[field];
    if (typeof fieldValue !== 'string' || fieldValue.length === 0) {
      return `${field} is ${typeof fieldValue === 'string' ? 'an empty string' : typeof fieldValue}`;
    }
  }
  if (candidate.sessionToken !== undefined && typeof candidate.sessionToken !== 'string') {
    return `sessionToken is ${typeof candidate.sessionToken}`;
  }
  const expiration = candidate.expiration;
  if (
    expiration !== undefined &&
    !(expiration instanceof Date && !Number.isNaN(expiration.getTime()))
  ) {
    return `expiration is ${describeReceived(expiration)} instead of a valid Date`;
  }
  return undefined;
}

/**
 * Credentials whose `util.inspect` and `JSON.stringify` renderings hide the secret key and the
 * session token, so an accidental `console.log` cannot leak them.
 */
class RedactedCredentials implements AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
  readonly expiration: Date | undefined;

  constructor(credentials: AwsCredentialIdentity) {
    this.accessKeyId = credentials.accessKeyId;
    this.secretAccessKey = credentials.secretAccessKey;
    this.sessionToken = credentials.sessionToken || undefined;
    this.expiration = credentials.expiration;
  }

  toJSON(): Record<string, unknown> {
    return {
      accessKeyId: redactAccessKeyId(this.accessKeyId),
      secretAccessKey: redactedSecret,
      ...(this.sessionToken === undefined ? {} : { sessionToken: redactedSecret }),
      ...(this.expiration === undefined ? {} : { expiration: this.expiration.toISOString() }),
    };
  }

  [inspectCustom](_depth: number, inspectOptions: unknown, inspect: InspectFunction): string {
    return `AwsCredentials ${inspect(this.toJSON(), inspectOptions)}`;
  }
}

function createRedactedCredentials(credentials: AwsCredentialIdentity): RedactedCredentials {
  return credentials instanceof RedactedCredentials
    ? credentials
    : new RedactedCredentials(credentials);
}
