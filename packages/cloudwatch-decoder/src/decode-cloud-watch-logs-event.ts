import type { DecodeOptions } from './decode-options';
import { decodeSubscriptionMessage } from './decode-subscription-message';
import { describeValue } from './describe-received';
import { DecodeError } from './errors';
import type { SubscriptionMessage } from './subscription-message';

/**
 * The event a Lambda function receives from a direct CloudWatch Logs subscription:
 * `{ "awslogs": { "data": "<base64 gzip>" } }`. `CloudWatchLogsEvent` from `@types/aws-lambda`
 * fits.
 *
 * @example
 * ```ts
 * const event: CloudWatchLogsEventInput = { awslogs: { data: 'H4sIAAAAAAAAA…' } };
 * ```
 */
export interface CloudWatchLogsEventInput {
  readonly awslogs: { readonly data: string };
}

/**
 * Decodes the payload of a direct CloudWatch Logs → Lambda subscription event.
 *
 * @example
 * ```ts
 * export const handler = async (event: CloudWatchLogsEvent) => {
 *   const message = decodeCloudWatchLogsEvent(event);
 *   if (message.messageType === 'DATA_MESSAGE') console.log(message.logEvents.length);
 * };
 * ```
 */
export function decodeCloudWatchLogsEvent(
  event: CloudWatchLogsEventInput,
  options?: DecodeOptions,
): SubscriptionMessage {
  const data = (event as { awslogs?: { data?: unknown } } | null | undefined)?.awslogs?.data;
  if (typeof data !== 'string') {
    throw new DecodeError(
      `Invalid input: a CloudWatch Logs subscription event must have awslogs.data as a base64 string; received ${describeValue(data)}`,
      { code: 'invalid-input' },
    );
  }
  return decodeSubscriptionMessage(data, options);
}
