import { createTestRecords } from '@logferry/sink-testkit';
import { describe, expect, it } from 'vitest';
import { createDeadLetterRewriter } from './create-dead-letter-rewriter';

const record = createTestRecords(1)[0]!;
const entry = {
  kind: 'rejected-record' as const,
  record,
  sink: 'elasticsearch',
  reason: 'failed to parse',
  failedAt: '2024-06-01T00:00:05.000Z',
};

function createFakeS3(status: number) {
  const puts: string[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    if (init?.method === 'PUT') puts.push(String(input));
    return new Response('', { status });
  };
  return { puts, fakeFetch };
}

describe('createDeadLetterRewriter', () => {
  it('remembers the keys it stored, with path-style and virtual-hosted URLs', async () => {
    for (const endpoint of ['http://127.0.0.1:9000', undefined]) {
      const { puts, fakeFetch } = createFakeS3(200);
      const rewriter = createDeadLetterRewriter({
        bucket: 'acme-logs',
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        ...(endpoint === undefined ? {} : { endpoint }),
        fetch: fakeFetch,
      });
      await rewriter.store.write([entry]);

      expect(puts).toHaveLength(1);
      const url = new URL(puts[0] ?? '');
      const key = decodeURIComponent(
        url.pathname.replace(endpoint === undefined ? /^\// : /^\/acme-logs\//, ''),
      );
      expect(key).toMatch(
        /^dead-letter\/kind=rejected-record\/dt=2024-06-01\/hour=00\/elasticsearch-shardId-000000000000-/,
      );
      expect(rewriter.wasWritten(key)).toBe(true);
      expect(rewriter.wasWritten(`${key}x`)).toBe(false);
    }
  });

  it('does not count a PUT that S3 refused', async () => {
    const { puts, fakeFetch } = createFakeS3(500);
    const rewriter = createDeadLetterRewriter({
      bucket: 'acme-logs',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      fetch: fakeFetch,
    });
    await expect(rewriter.store.write([entry])).rejects.toMatchObject({ code: 'server' });
    const key = decodeURIComponent(new URL(puts[0] ?? '').pathname.replace(/^\/acme-logs\//, ''));
    expect(rewriter.wasWritten(key)).toBe(false);
  });
});
