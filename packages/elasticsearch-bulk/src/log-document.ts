import type { JsonSkipReason } from './extract-json-fields';

/**
 * The document `createDocumentMapper` builds by default, with ECS field names. Fields of a JSON
 * message are added under the configured namespace (`json` by default) or, in `root` mode, at the
 * top level next to these.
 *
 * @example
 * ```ts
 * const document: LogDocument = {
 *   '@timestamp': '2022-07-25T07:07:08.000Z',
 *   message: 'START RequestId: 8f5a… Version: $LATEST',
 *   cloud: { provider: 'aws', account: { id: '123456789012' } },
 *   aws: { cloudwatch: { log_group: '/aws/lambda/orders', log_stream: '2022/07/25/[$LATEST]01' } },
 *   event: { id: '36990390990134150016227618181431330390633573838329307136' },
 * };
 * ```
 */
export interface LogDocument {
  /** Event time, ISO-8601 in UTC with milliseconds. */
  readonly '@timestamp': string;
  /** The log line, cut to `maxMessageBytes` (see `logferry.truncated`). */
  readonly message: string;
  readonly cloud: {
    readonly provider: 'aws';
    /** The `region` option, when given. */
    readonly region?: string;
    readonly account: { readonly id: string };
  };
  readonly aws: {
    readonly cloudwatch: {
      readonly log_group: string;
      readonly log_stream: string;
      /** ISO-8601, only when the event carries an ingestion time. */
      readonly ingestion_time?: string;
      /** Only when the event names at least one filter. */
      readonly subscription_filters?: readonly string[];
      /** Fields the subscription filter pattern extracted, unchanged. */
      readonly extracted_fields?: Readonly<Record<string, string>>;
    };
  };
  /** `event.id` is the CloudWatch event id, kept even when `_id` is not set. */
  readonly event: { readonly id: string };
  /** Present only when something was changed or skipped, so it never goes unnoticed. */
  readonly logferry?: {
    readonly truncated?: true;
    readonly original_bytes?: number;
    readonly json_skipped?: JsonSkipReason;
  };
  readonly [field: string]: unknown;
}
