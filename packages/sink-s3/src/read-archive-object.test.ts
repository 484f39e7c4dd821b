import { gzipSync } from 'node:zlib';
import { SinkError } from '@logferry/sink';
import { createTestRecords } from '@logferry/sink-testkit';
import { describe, expect, it } from 'vitest';
import { encodeArchiveLine } from './encode-archive-line';
import { S3ArchiveError } from './errors';
import { type ArchiveLine, readArchiveObject } from './read-archive-object';
import { putRawObject } from './test-support/put-raw-object';
import { useS3rverBucket } from './test-support/use-s3rver-bucket';

const s3 = useS3rverBucket('reader-test');

async function readLines(key: string): Promise<ArchiveLine[]> {
  const lines: ArchiveLine[] = [];
  for await (const line of readArchiveObject({ ...s3.connection, key })) lines.push(line);
  return lines;
}

describe('readArchiveObject', () => {
  it('reports malformed lines with key and line number, and keeps reading', async () => {
    const [first, second, third] = createTestRecords(3, { seed: 31 });
    const key = 'archive/log_group=x/dt=2024-06-01/hour=00/mixed.ndjson.gz';
    const body = Buffer.concat([
      Buffer.from(`${encodeArchiveLine(first!)}\n{"id":\n\n${encodeArchiveLine(second!)}\r\n`),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
      Buffer.from(
        `${JSON.stringify({ ...JSON.parse(encodeArchiveLine(third!)), timestamp: 'noon' })}\n`,
      ),
      Buffer.from(encodeArchiveLine(third!)),
    ]);
    await putRawObject(s3.connection, key, gzipSync(body));

    const lines = await readLines(key);
    expect(lines.map((line) => [line.lineNumber, line.ok])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, true],
      [5, false],
      [6, false],
      [7, true],
    ]);
    expect(lines.filter((line) => line.ok).map((line) => line.record)).toEqual([
      first,
      second,
      third,
    ]);
    const errors = lines.flatMap((line) => (line.ok ? [] : [line.error]));
    for (const error of errors) {
      expect(error).toBeInstanceOf(S3ArchiveError);
      expect(error).toMatchObject({ code: 'malformed-line', key });
    }
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Malformed archive line \\(line 2 of ${key.replaceAll('.', '\\.')}\\): the line is not JSON \\(.*\\); received "\\{\\\\"id\\\\":"\\.$`,
        ),
      ),
      `Malformed archive line (line 3 of ${key}): the line is empty.`,
      `Malformed archive line (line 5 of ${key}): the line is not valid UTF-8.`,
      `Malformed archive line (line 6 of ${key}): "timestamp" must be a finite number of epoch milliseconds; received "noon".`,
    ]);
  });

  it('reads an object stored without gzip too', async () => {
    const records = createTestRecords(2, { seed: 32 });
    await putRawObject(
      s3.connection,
      'plain.ndjson',
      Buffer.from(records.map(encodeArchiveLine).join('\n')),
    );
    expect((await readLines('plain.ndjson')).map((line) => line.ok && line.record)).toEqual(
      records,
    );
  });

  it('throws invalid-object for a corrupt gzip stream', async () => {
    const gzip = gzipSync(Buffer.from(encodeArchiveLine(createTestRecords(1)[0]!)));
    await putRawObject(s3.connection, 'cut.ndjson.gz', gzip.subarray(0, gzip.length - 12));
    await expect(readLines('cut.ndjson.gz')).rejects.toMatchObject({
      name: 'S3ArchiveError',
      code: 'invalid-object',
      key: 'cut.ndjson.gz',
      message: expect.stringMatching(
        /^The object "cut\.ndjson\.gz" starts like gzip but does not decompress \(.+\); archive objects are gzip-compressed NDJSON\.$/,
      ),
    });
  });

  it('throws object-not-found for a missing key', async () => {
    await expect(readLines('archive/gone.ndjson.gz')).rejects.toMatchObject({
      name: 'S3ArchiveError',
      code: 'object-not-found',
      key: 'archive/gone.ndjson.gz',
      message:
        'The object "archive/gone.ndjson.gz" does not exist in bucket "reader-test" (S3 answered 404 NoSuchKey); it may have been deleted after it was listed.',
    });
  });

  it('throws a SinkError for a missing bucket and for a bad key option', async () => {
    const missing = readArchiveObject({ ...s3.connection, bucket: 'other-bucket', key: 'x' });
    await expect(missing.next()).rejects.toMatchObject({
      name: 'SinkError',
      code: 'configuration',
      httpStatus: 404,
    });
    await expect(readArchiveObject({ ...s3.connection, key: '' }).next()).rejects.toThrow(
      SinkError,
    );
    await expect(readArchiveObject({ ...s3.connection, key: '' }).next()).rejects.toThrow(
      'The "key" option must be an object key: a non-empty string of at most 1024 UTF-8 bytes; received "".',
    );
  });
});
