export type {
  DeadLetterEntry,
  DeadLetterStore,
  RejectedRecordEntry,
  UndecodableRecordEntry,
} from './dead-letter';
export type { RecordOutcome, RecordOutcomeStatus } from './record-outcome';
export type { SendOptions, SendResult, Sink } from './sink';
export { isSinkError, SinkError, type SinkErrorCode, type SinkErrorOptions } from './sink-error';
export type { SinkRecord, SinkRecordPosition } from './sink-record';
