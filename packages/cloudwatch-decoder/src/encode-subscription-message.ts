import { gzipSync } from 'fflate';
import { encodeBase64 } from './encode-base64';
import { loadNodeRuntime } from './load-node-runtime';
import type { SubscriptionMessage } from './subscription-message';

/**
 * Encodes a message the way CloudWatch Logs delivers it: JSON → gzip → base64. A helper for
 * tests, demos and fixtures (the `data` of a fake Kinesis, Firehose or `awslogs` event); the
 * message is serialised as given, without validation, so tests can also build invalid payloads.
 *
 * @example
 * ```ts
 * const data = encodeSubscriptionMessage({
 *   messageType: 'DATA_MESSAGE',
 *   owner: '123456789012',
 *   logGroup: 'foo',
 *   logStream: 'stream-1',
 *   subscriptionFilters: ['logferry'],
 *   logEvents: [{ id: '1', timestamp: 1700000000000, message: 'ilikecats' }],
 * });
 * const event = { Records: [{ kinesis: { data } }] };
 * ```
 */
export function encodeSubscriptionMessage(message: SubscriptionMessage): string {
  const json = JSON.stringify(message);
  const runtime = loadNodeRuntime();
  if (runtime !== undefined) return runtime.gzipSync(json).toString('base64');
  return encodeBase64(gzipSync(new TextEncoder().encode(json), { mtime: 0 }), undefined);
}
