import type { AddressInfo } from 'node:net';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import kinesalite from 'kinesalite';

/**
 * A running in-process Kinesis (kinesalite) with a client for it.
 *
 * @example
 * ```ts
 * const kinesis: LocalKinesis = await startKinesalite();
 * await kinesis.close();
 * ```
 */
export interface LocalKinesis {
  readonly endpoint: string;
  readonly client: KinesisClient;
  /** Creates a stream and waits until it is ACTIVE. */
  createStream(name: string, shardCount?: number): Promise<void>;
  /**
   * Puts records with PutRecords (≤ 500 per call, as the API allows), in order, and fails on any
   * per-record failure.
   */
  putRecords(
    streamName: string,
    records: readonly { readonly data: Uint8Array; readonly partitionKey: string }[],
  ): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts kinesalite on 127.0.0.1 (random port) with an AWS SDK v3 client pointed at it.
 * kinesalite speaks HTTP/1.1 only, hence the NodeHttpHandler; the credentials are dummies.
 *
 * @example
 * ```ts
 * const kinesis = await startKinesalite();
 * await kinesis.createStream('logferry');
 * await kinesis.close();
 * ```
 */
export async function startKinesalite(): Promise<LocalKinesis> {
  // The SDK (a dev dependency, never in the Lambda bundle) warns on Node < 22 at every start;
  // the tests and the demo support Node 20, so the warning is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new KinesisClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    requestHandler: new NodeHttpHandler(),
  });
  return {
    endpoint,
    client,
    async createStream(name, shardCount = 1) {
      await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
      for (;;) {
        const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
        if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async putRecords(streamName, records) {
      for (let start = 0; start < records.length; start += 500) {
        const slice = records.slice(start, start + 500);
        const response = await client.send(
          new PutRecordsCommand({
            StreamName: streamName,
            Records: slice.map((record) => ({
              Data: record.data,
              PartitionKey: record.partitionKey,
            })),
          }),
        );
        if ((response.FailedRecordCount ?? 0) > 0) {
          throw new Error(
            `kinesalite refused ${response.FailedRecordCount} of ${slice.length} records`,
          );
        }
      }
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
