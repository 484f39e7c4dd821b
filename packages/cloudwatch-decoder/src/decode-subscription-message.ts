import { decodeBase64 } from './decode-base64';
import type { DecodeOptions } from './decode-options';
import { describeValue } from './describe-received';
import { DecodeError } from './errors';
import { inflateGzip } from './inflate-gzip';
import { parsePayloadJson } from './parse-payload-json';
import { resolveDecodeOptions } from './resolve-decode-options';
import type { SubscriptionMessage } from './subscription-message';
import { validateSubscriptionMessage } from './validate-subscription-message';

/**
 * Decodes a CloudWatch Logs subscription payload: base64 → gzip → JSON → checked
 * {@link SubscriptionMessage}.
 *
 * - A string is base64 text as found in a Kinesis record's `data`, `awslogs.data` of a direct
 *   subscription event, or a Firehose record's `data`. It must be padded standard base64;
 *   ASCII whitespace is ignored.
 * - A `Uint8Array` (or `Buffer`) is the raw gzip bytes.
 *
 * Concatenated (multi-member) gzip streams are accepted; inflating stops at
 * `maxDecompressedBytes`. Every failure is a {@link DecodeError}; arbitrary input never throws
 * anything else.
 *
 * @example
 * ```ts
 * import { decodeSubscriptionMessage } from '@logferry/cloudwatch-decoder';
 *
 * const message = decodeSubscriptionMessage(record.kinesis.data);
 * if (message.messageType === 'DATA_MESSAGE') {
 *   for (const event of message.logEvents) console.log(message.logGroup, event.message);
 * }
 * ```
 */
export function decodeSubscriptionMessage(
  input: string | Uint8Array,
  options?: DecodeOptions,
): SubscriptionMessage {
  const { maxDecompressedBytes, runtime } = resolveDecodeOptions(options);
  let bytes: Uint8Array;
  if (typeof input === 'string') {
    bytes = decodeBase64(input, runtime);
  } else if (input instanceof Uint8Array) {
    bytes = input;
  } else {
    throw new DecodeError(
      `Invalid input: expected base64 text (string) or gzip bytes (Uint8Array); received ${describeValue(input)}`,
      { code: 'invalid-input' },
    );
  }
  const inflated = inflateGzip(bytes, maxDecompressedBytes, runtime);
  return validateSubscriptionMessage(parsePayloadJson(inflated, runtime));
}
