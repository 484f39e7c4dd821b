import { inspect } from 'node:util';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCredentialsProvider } from './create-credentials-provider';
import { SigningError } from './errors';

const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const sessionToken = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN';

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(secretAccessKey);
  expect(text).not.toContain(sessionToken);
  expect(text).not.toContain('AKIDEXAMPLE');
  expect(text).not.toContain('ASIAEXAMPLE1');
}

/** A provider whose answers are scripted, counting its calls. */
function createScriptedProvider(answers: Array<() => Promise<AwsCredentialIdentity>>) {
  const provider = vi.fn(async () => {
    const answer = answers[Math.min(provider.mock.calls.length - 1, answers.length - 1)]!;
    return answer();
  });
  return provider;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createCredentialsProvider', () => {
  describe('environment source', () => {
    it('reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN at call time', async () => {
      vi.stubEnv('AWS_ACCESS_KEY_ID', '');
      const provider = createCredentialsProvider();
      // Set after construction: the environment must not be read at creation (or import).
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE1');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', secretAccessKey);
      vi.stubEnv('AWS_SESSION_TOKEN', sessionToken);

      const credentials = await provider();

      expect(provider.source).toBe('environment');
      expect(credentials.accessKeyId).toBe('ASIAEXAMPLE1');
      expect(credentials.secretAccessKey).toBe(secretAccessKey);
      expect(credentials.sessionToken).toBe(sessionToken);
    });

    it('leaves sessionToken undefined when AWS_SESSION_TOKEN is empty', async () => {
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', secretAccessKey);
      vi.stubEnv('AWS_SESSION_TOKEN', '');
      expect((await createCredentialsProvider()()).sessionToken).toBeUndefined();
    });

    it('throws missing-credentials naming the unset variables and the option', async () => {
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
      const error = await createCredentialsProvider()().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SigningError);
      expect(error).toMatchObject({ code: 'missing-credentials', retryable: false });
      expect((error as Error).message).toBe(
        'No credentials to sign with: the "credentials" option was not given, so they are read from the environment, but AWS_SECRET_ACCESS_KEY is not set. Set both variables (Lambda does), or pass "credentials" (for example fromNodeProviderChain()).',
      );
      expectNoSecrets((error as Error).message);
    });

    it('names both variables when neither is set', async () => {
      vi.stubEnv('AWS_ACCESS_KEY_ID', '');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
      await expect(createCredentialsProvider()()).rejects.toThrow(
        'but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set',
      );
    });
  });

  describe('static source', () => {
    it('returns the given credentials', async () => {
      const provider = createCredentialsProvider({
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey, sessionToken },
      });
      expect(provider.source).toBe('static');
      expect(await provider()).toMatchObject({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey,
        sessionToken,
      });
    });

    it.each([
      [{ accessKeyId: 'AKIDEXAMPLE' }, 'secretAccessKey is undefined'],
      [{ accessKeyId: '', secretAccessKey }, 'accessKeyId is an empty string'],
      [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey, sessionToken: 42 }, 'sessionToken is number'],
      [
        { accessKeyId: 'AKIDEXAMPLE', secretAccessKey, expiration: 'tomorrow' },
        'expiration is "tomorrow" instead of a valid Date',
      ],
      ['AKIDEXAMPLE:secret', 'received "AKIDEXAMPLE:secret"'],
    ])('rejects malformed static credentials %# at construction', (credentials, problem) => {
      let caught: unknown;
      try {
        createCredentialsProvider({ credentials: credentials as never });
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ name: 'SigningError', code: 'invalid-options' });
      expect((caught as Error).message).toContain(problem);
      expect((caught as Error).message).not.toContain(secretAccessKey);
    });
  });

  describe('provider source', () => {
    it('calls the provider once for many calls when the credentials never expire', async () => {
      const provider = createScriptedProvider([
        async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey }),
      ]);
      const cached = createCredentialsProvider({ credentials: provider });
      for (let call = 0; call < 10; call += 1) {
        expect((await cached()).accessKeyId).toBe('AKIDEXAMPLE');
      }
      expect(provider).toHaveBeenCalledTimes(1);
      expect(cached.source).toBe('provider');
    });

    it('refreshes refreshBeforeExpiryMs before expiration, not earlier', async () => {
      let now = Date.parse('2025-01-01T00:00:00Z');
      const expiration = new Date(now + 60 * 60 * 1000);
      const provider = createScriptedProvider([
        async () => ({ accessKeyId: 'ASIAFIRST', secretAccessKey, sessionToken, expiration }),
        async () => ({ accessKeyId: 'ASIASECOND', secretAccessKey, sessionToken }),
      ]);
      const cached = createCredentialsProvider({ credentials: provider, now: () => now });

      expect((await cached()).accessKeyId).toBe('ASIAFIRST');
      now = expiration.getTime() - 5 * 60 * 1000 - 1; // one millisecond before the window
      expect((await cached()).accessKeyId).toBe('ASIAFIRST');
      expect(provider).toHaveBeenCalledTimes(1);

      now += 1; // exactly five minutes before expiry
      expect((await cached()).accessKeyId).toBe('ASIASECOND');
      expect(provider).toHaveBeenCalledTimes(2);
    });

    it('honours a custom refreshBeforeExpiryMs', async () => {
      let now = 0;
      const provider = createScriptedProvider([
        async () => ({ accessKeyId: 'ASIAFIRST', secretAccessKey, expiration: new Date(100_000) }),
      ]);
      const cached = createCredentialsProvider({
        credentials: provider,
        refreshBeforeExpiryMs: 10_000,
        now: () => now,
      });
      await cached();
      now = 89_999;
      await cached();
      expect(provider).toHaveBeenCalledTimes(1);
      now = 90_000;
      await cached();
      expect(provider).toHaveBeenCalledTimes(2);
    });

    it('shares one in-flight call between concurrent callers, also for a refresh', async () => {
      let now = 0;
      let release: () => void = () => {};
      const provider = vi.fn(
        () =>
          new Promise<AwsCredentialIdentity>((resolve) => {
            release = () =>
              resolve({
                accessKeyId: `ASIA${provider.mock.calls.length}`,
                secretAccessKey,
                expiration: new Date(now + 600_000),
              });
          }),
      );
      const cached = createCredentialsProvider({ credentials: provider, now: () => now });

      const first = Array.from({ length: 20 }, () => cached());
      release();
      expect(
        new Set((await Promise.all(first)).map((credentials) => credentials.accessKeyId)),
      ).toEqual(new Set(['ASIA1']));
      expect(provider).toHaveBeenCalledTimes(1);

      now = 300_000; // inside the refresh window
      const refreshing = Array.from({ length: 20 }, () => cached());
      release();
      expect(
        new Set((await Promise.all(refreshing)).map((credentials) => credentials.accessKeyId)),
      ).toEqual(new Set(['ASIA2']));
      expect(provider).toHaveBeenCalledTimes(2);
    });

    it('wraps a provider failure as retryable credentials-provider-failed with cause, then asks again', async () => {
      const failure = new Error('connect ETIMEDOUT 169.254.169.254:80');
      const provider = createScriptedProvider([
        async () => {
          throw failure;
        },
        async () => ({ accessKeyId: 'ASIAEXAMPLE1', secretAccessKey, sessionToken }),
      ]);
      const cached = createCredentialsProvider({ credentials: provider });

      const error = await cached().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SigningError);
      expect(error).toMatchObject({
        code: 'credentials-provider-failed',
        retryable: true,
        cause: failure,
      });
      expect((error as Error).message).toBe(
        'The credentials provider failed ("connect ETIMEDOUT 169.254.169.254:80"), so the request was not signed; the provider is asked again on the next call. See "cause" for the provider\'s error.',
      );
      expectNoSecrets(inspect(error));

      expect((await cached()).accessKeyId).toBe('ASIAEXAMPLE1');
      expect(provider).toHaveBeenCalledTimes(2);
    });

    it('rejects a provider result that is not credentials, without quoting its values', async () => {
      const cached = createCredentialsProvider({
        credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 42 }) as never,
      });
      const error = await cached().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'credentials-provider-failed', retryable: true });
      expect((error as Error).message).toBe(
        'The credentials provider must resolve to an object with string accessKeyId and secretAccessKey (and optionally sessionToken and an expiration Date), but secretAccessKey is number.',
      );
    });

    it('asks the provider again after invalidate()', async () => {
      const provider = createScriptedProvider([
        async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey }),
      ]);
      const cached = createCredentialsProvider({ credentials: provider });
      await cached();
      cached.invalidate();
      await cached();
      expect(provider).toHaveBeenCalledTimes(2);
    });

    it('returns an existing cached provider instead of wrapping it again', () => {
      const cached = createCredentialsProvider({
        credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey }),
      });
      expect(createCredentialsProvider({ credentials: cached })).toBe(cached);
    });
  });

  it.each([
    [
      { refreshBeforeExpiryMs: -1 },
      'The "refreshBeforeExpiryMs" option must be a finite number of milliseconds >= 0, received number -1.',
    ],
    [
      { refreshBeforeExpiryMs: Number.NaN },
      'The "refreshBeforeExpiryMs" option must be a finite number of milliseconds >= 0, received number NaN.',
    ],
    [
      { now: 5 },
      'The "now" option must be a function returning epoch milliseconds, received number 5.',
    ],
  ])('rejects bad options %# with invalid-options', (options, message) => {
    expect(() => createCredentialsProvider(options as never)).toThrow(
      new SigningError(message, { code: 'invalid-options' }),
    );
  });

  describe('redaction', () => {
    it('never shows the secret key or session token in inspect or JSON output', async () => {
      const expiration = new Date('2030-01-01T00:00:00Z');
      const sources = [
        createCredentialsProvider({
          credentials: { accessKeyId: 'ASIAEXAMPLE1', secretAccessKey, sessionToken },
        }),
        createCredentialsProvider({
          credentials: async () => ({
            accessKeyId: 'ASIAEXAMPLE1',
            secretAccessKey,
            sessionToken,
            expiration,
          }),
        }),
      ];
      for (const provider of sources) {
        const credentials = await provider();
        for (const rendering of [
          inspect(provider, { depth: 10 }),
          JSON.stringify(provider),
          inspect(credentials, { depth: 10 }),
          JSON.stringify(credentials),
          `${JSON.stringify({ nested: { credentials } })}`,
        ]) {
          expectNoSecrets(rendering);
          expect(rendering).toContain('ASIA…');
        }
      }
      expect(JSON.parse(JSON.stringify(await sources[1]!()))).toEqual({
        accessKeyId: 'ASIA…',
        secretAccessKey: '[redacted]',
        sessionToken: '[redacted]',
        expiration: '2030-01-01T00:00:00.000Z',
      });
      expect(inspect(sources[0], { breakLength: Number.POSITIVE_INFINITY })).toBe(
        "CachedCredentialsProvider { source: 'static', credentials: { accessKeyId: 'ASIA…', secretAccessKey: '[redacted]', sessionToken: '[redacted]' } }",
      );
    });
  });
});
