import { createS3Sink } from '@logferry/sink-s3';
import { createTestRecords } from '@logferry/sink-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSourceObjects } from './list-source-objects';
import { defaultRetryPolicy } from './retry-policy';
import { type LocalS3, startLocalS3 } from './test-support/start-local-s3';

let s3: LocalS3;
beforeEach(async () => {
  s3 = await startLocalS3(['logs']);
  await createS3Sink(s3.connection('logs')).send(createTestRecords(40));
});
afterEach(async () => {
  await s3.close();
});

const policy = { ...defaultRetryPolicy, sleep: async () => {} };

async function collect(iterable: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of iterable) keys.push(object.key);
  return keys;
}

describe('listSourceObjects', () => {
  it('resumes after the last key it yielded when a page fails, listing nothing twice', async () => {
    const expected = await collect(
      listSourceObjects(['archive/'], s3.connection('logs'), policy, new AbortController().signal),
    );
    expect(expected).toHaveLength(10);
    const listings: string[] = [];
    const flaky: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.searchParams.get('list-type') === '2') {
        listings.push(
          url.searchParams.has('start-after')
            ? 'start-after'
            : url.searchParams.has('continuation-token')
              ? 'continue'
              : 'first',
        );
        // The second page fails once, as a throttled S3 would answer.
        if (listings.length === 2) {
          return new Response(
            '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
            { status: 503 },
          );
        }
      }
      return fetch(input, init);
    };

    const keys = await collect(
      listSourceObjects(
        ['archive/'],
        { ...s3.connection('logs'), fetch: flaky },
        policy,
        new AbortController().signal,
        3,
      ),
    );

    expect(keys).toEqual(expected);
    expect(listings).toEqual(['first', 'continue', 'start-after', 'continue', 'continue']);
  });

  it('gives up with source-failed after the attempts, naming the prefix and the last key', async () => {
    const throttled: typeof fetch = async () =>
      new Response(
        '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
        { status: 503 },
      );
    await expect(
      collect(
        listSourceObjects(
          ['archive/'],
          { ...s3.connection('logs'), fetch: throttled },
          { ...policy, maxAttempts: 2 },
          new AbortController().signal,
        ),
      ),
    ).rejects.toMatchObject({
      name: 'ReplayError',
      code: 'source-failed',
      retryable: true,
      message: expect.stringMatching(
        /^Cannot list s3:\/\/logs\/archive\/: S3 answered 503 SlowDown/,
      ),
    });
  });
});
