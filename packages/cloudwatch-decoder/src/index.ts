export {
  type CloudWatchLogsEventInput,
  decodeCloudWatchLogsEvent,
} from './decode-cloud-watch-logs-event';
export { decodeFirehoseRecord, type FirehoseRecordInput } from './decode-firehose-record';
export { decodeKinesisRecord, type KinesisRecordInput } from './decode-kinesis-record';
export {
  DEFAULT_MAX_DECOMPRESSED_BYTES,
  type DecodeOptions,
  type Inflater,
} from './decode-options';
export { decodeSubscriptionMessage } from './decode-subscription-message';
export { encodeSubscriptionMessage } from './encode-subscription-message';
export {
  DecodeError,
  type DecodeErrorCode,
  type DecodeErrorOptions,
  isDecodeError,
} from './errors';
export type {
  ControlMessage,
  DataMessage,
  LogEvent,
  SubscriptionMessage,
} from './subscription-message';
