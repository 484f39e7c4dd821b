import { type FaultProxy, startFaultProxy } from '@logferry/sink-testkit';
import { type RunningS3rver, s3rverCredentials, startS3rver } from './start-s3rver';

/** How to reach s3rver without the proxy: reads in tests go straight to it. */
export interface DirectS3Connection {
  readonly bucket: string;
  readonly region: string;
  readonly endpoint: string;
  readonly credentials: typeof s3rverCredentials;
}

/**
 * s3rver with one bucket and the kit's fault proxy in front of it: code under test writes through
 * the proxy (so faults can be injected and requests counted), assertions read `direct`. Test-only.
 *
 * @example
 * ```ts
 * const { proxy, direct, close } = await startS3rverBehindProxy('archive-test');
 * ```
 */
export async function startS3rverBehindProxy(bucket: string): Promise<{
  readonly s3: RunningS3rver;
  readonly proxy: FaultProxy;
  readonly direct: DirectS3Connection;
  close(): Promise<void>;
}> {
  const s3 = await startS3rver({ buckets: [bucket] });
  const proxy = await startFaultProxy({ target: s3.url });
  return {
    s3,
    proxy,
    direct: { bucket, region: 'us-east-1', endpoint: s3.url, credentials: s3rverCredentials },
    close: async () => {
      await proxy.close();
      await s3.close();
    },
  };
}
