import { gzipSync } from 'node:zlib';
import type { DeadLetterEntry } from '@logferry/sink';
import { describe, expect, it } from 'vitest';
import { encodeDeadLetterLine } from './encode-dead-letter-line';
import { type DeadLetterLine, readDeadLetterObject } from './read-dead-letter-object';
import { putRawObject } from './test-support/put-raw-object';
import { useS3rverBucket } from './test-support/use-s3rver-bucket';

const s3 = useS3rverBucket('dead-letter-reader');

const entry: DeadLetterEntry = {
  kind: 'undecodable-record',
  data: 'H4sIAAAAAAAA/w==',
  shardId: 'shardId-000000000000',
  sequenceNumber: '4959',
  reason: 'Unexpected end of gzip data',
  errorType: 'invalid-gzip',
  failedAt: '2024-06-01T00:00:00.000Z',
};

describe('readDeadLetterObject', () => {
  it('yields entries and reports malformed lines without stopping', async () => {
    const key = 'dead-letter/kind=undecodable-record/dt=2024-06-01/hour=00/x.ndjson.gz';
    await putRawObject(
      s3.connection,
      key,
      gzipSync(
        `${encodeDeadLetterLine(entry)}\n{"kind":"unknown"}\n${encodeDeadLetterLine(entry)}\n`,
      ),
    );
    const lines: DeadLetterLine[] = [];
    for await (const line of readDeadLetterObject({ ...s3.connection, key })) lines.push(line);
    expect(lines).toEqual([
      { ok: true, key, lineNumber: 1, entry },
      {
        ok: false,
        key,
        lineNumber: 2,
        error: expect.objectContaining({ code: 'malformed-line', lineNumber: 2 }),
      },
      { ok: true, key, lineNumber: 3, entry },
    ]);
    expect((lines[1] as { error: Error }).error.message).toBe(
      `Malformed dead-letter line (line 2 of ${key}): "kind" must be 'rejected-record' or 'undecodable-record'; received "unknown".`,
    );
  });

  it('throws object-not-found for a missing key', async () => {
    await expect(
      readDeadLetterObject({ ...s3.connection, key: 'dead-letter/none' }).next(),
    ).rejects.toMatchObject({
      code: 'object-not-found',
    });
  });
});
