import { describeSinkConformance, startFaultProxy } from '@logferry/sink-testkit';
import { createS3Sink } from './create-s3-sink';
import { readStoredRecords } from './test-support/read-stored-records';
import { s3rverCredentials, startS3rver } from './test-support/start-s3rver';

const maxObjectBytes = 65_536;
// Generous: a healthy request on a loaded 2-core CI machine can take several hundred ms.
const timeoutMs = 1000;

// s3rver is a real S3 API implementation (objects on disk, ListObjectsV2, XML errors); the kit's
// fault proxy in front of it injects the failures. The harness reads what is stored straight from
// s3rver, so its own requests are neither counted nor faulted.
describeSinkConformance(
  's3',
  async () => {
    const s3 = await startS3rver({ buckets: ['conformance'] });
    const proxy = await startFaultProxy({ target: s3.url });
    const connection = {
      bucket: 'conformance',
      region: 'us-east-1',
      credentials: s3rverCredentials,
    };
    const sink = createS3Sink({ ...connection, endpoint: proxy.url, timeoutMs, maxObjectBytes });
    const stored = () => readStoredRecords({ ...connection, endpoint: s3.url });
    return {
      sink,
      storedIds: async () => (await stored()).records.map((record) => record.id),
      requestCount: () => proxy.requestCount(),
      injectFault: (fault) => proxy.injectFault(fault),
      maxRequestBytes: maxObjectBytes,
      largestRequestBytes: () => proxy.stats().largestRequestBytes,
      storedMessages: async () =>
        new Map((await stored()).records.map((record) => [record.id, record.message])),
      secrets: [s3rverCredentials.secretAccessKey, s3rverCredentials.sessionToken],
      timeoutMs,
      close: async () => {
        await sink.close?.();
        await proxy.close();
        await s3.close();
      },
    };
  },
  {
    skip: {
      'SINK-2':
        'S3 stores or refuses whole objects; there is no per-record status inside an accepted PUT (SINK-8 checks whole-request failures)',
    },
  },
);
