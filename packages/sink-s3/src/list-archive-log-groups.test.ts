import { createTestRecords } from '@logferry/sink-testkit';
import { describe, expect, it } from 'vitest';
import { archivePartitionPrefixes } from './archive-partition-prefixes';
import { createS3Sink } from './create-s3-sink';
import { encodeKeySegment } from './encode-key-segment';
import { listArchiveLogGroups } from './list-archive-log-groups';
import { readStoredRecords } from './test-support/read-stored-records';
import { startRecordingServer } from './test-support/start-recording-server';
import { s3rverCredentials, startS3rver } from './test-support/start-s3rver';

const credentials = s3rverCredentials;
const longName = `/aws/${'x/'.repeat(150)}`;

/** A ListObjectsV2 answer with common prefixes, as S3 writes it. */
function listPage(prefixes: readonly string[], nextToken?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>groups-test</Name><Prefix>archive/log_group=</Prefix><KeyCount>${prefixes.length}</KeyCount><MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>${nextToken !== undefined}</IsTruncated>${prefixes
    .map((prefix) => `<CommonPrefixes><Prefix>${prefix}</Prefix></CommonPrefixes>`)
    .join(
      '',
    )}${nextToken === undefined ? '' : `<NextContinuationToken>${nextToken}</NextContinuationToken>`}</ListBucketResult>`;
}

describe('listArchiveLogGroups', () => {
  // s3rver cannot list common prefixes of nested keys (it prunes the directories it would need),
  // so this speaks S3's documented ListObjectsV2 format from a local server instead.
  it('lists the log group partitions with a delimited listing, page by page, decoding the names', async () => {
    const server = await startRecordingServer((request) => {
      const query = new URL(request.url, 'http://x').searchParams;
      return query.get('continuation-token') === null
        ? {
            status: 200,
            body: listPage(
              [
                'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/',
                `archive/log_group=${encodeKeySegment(longName)}/`,
              ],
              '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
            ),
          }
        : {
            status: 200,
            body: listPage(['archive/log_group=API-Gateway-Execution-Logs_a1b2c3d4e5%2Fprod/']),
          };
    });
    try {
      const groups = await listArchiveLogGroups({
        bucket: 'groups-test',
        region: 'us-east-1',
        endpoint: server.url,
        credentials,
      });
      expect(groups).toEqual([
        {
          logGroup: '/aws/lambda/checkout-api',
          keyPrefix: 'archive/log_group=%2Faws%2Flambda%2Fcheckout-api/',
        },
        { logGroup: undefined, keyPrefix: `archive/log_group=${encodeKeySegment(longName)}/` },
        {
          logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
          keyPrefix: 'archive/log_group=API-Gateway-Execution-Logs_a1b2c3d4e5%2Fprod/',
        },
      ]);
      expect(server.requests().map((request) => request.url)).toEqual([
        '/groups-test?list-type=2&max-keys=1000&prefix=archive%2Flog_group%3D&delimiter=%2F',
        '/groups-test?list-type=2&max-keys=1000&prefix=archive%2Flog_group%3D&delimiter=%2F&continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D',
      ]);
    } finally {
      await server.close();
    }
  });

  it('refuses a template that does not put the log group first', async () => {
    await expect(
      listArchiveLogGroups({
        bucket: 'groups-test',
        region: 'us-east-1',
        credentials,
        keyTemplate:
          'dt={yyyy}/{logGroup}/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}.gz',
      }),
    ).rejects.toMatchObject({
      name: 'SinkError',
      code: 'invalid-options',
      message: expect.stringContaining(
        'needs a key template whose first placeholder after {prefix} is {logGroup}',
      ),
    });
  });
});

describe('archivePartitionPrefixes with the log groups of an archive', () => {
  it('reads back exactly the events of the selected hours, across every log group', async () => {
    const s3 = await startS3rver({ buckets: ['groups-test'] });
    try {
      const connection = {
        bucket: 'groups-test',
        region: 'us-east-1',
        endpoint: s3.url,
        credentials,
      };
      // 40 events 37 ms apart from 2024-06-01T00:00Z, then 40 from 02:00Z: hour 01 stays empty.
      const early = createTestRecords(40, { seed: 41 });
      const late = createTestRecords(40, {
        seed: 42,
        startTimestamp: Date.parse('2024-06-01T02:00:00Z'),
      });
      await createS3Sink(connection).send([...early, ...late]);
      const logGroups = [...new Set(early.map((record) => record.logGroup))];

      const prefixes = archivePartitionPrefixes({
        logGroup: logGroups,
        since: Date.parse('2024-06-01T01:00:00Z'),
        until: Date.parse('2024-06-01T02:59:59Z'),
      });
      expect(prefixes).toHaveLength(8);
      const read = [];
      for (const prefix of prefixes)
        read.push(...(await readStoredRecords(connection, prefix)).records);
      expect(read.map((record) => record.id).sort()).toEqual(
        late.map((record) => record.id).sort(),
      );
    } finally {
      await s3.close();
    }
  });
});
