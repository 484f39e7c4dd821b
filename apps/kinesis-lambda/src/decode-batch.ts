import type { SinkRecord, UndecodableRecordEntry } from '@logferry/sink';
import type { KinesisStreamEvent } from 'aws-lambda';
import { KinesisLambdaError } from './errors';

/**
 * One log event of a decoded CloudWatch Logs subscription message.
 *
 * @example
 * ```ts
 * const logEvent: DecodedLogEvent = { id: '3699…', timestamp: 1_700_000_000_000, message: 'ilikecats' };
 * ```
 */
export interface DecodedLogEvent {
  readonly id: string;
  readonly timestamp: number;
  readonly message: string;
  readonly extractedFields?: Readonly<Record<string, string>>;
}

/**
 * A decoded CloudWatch Logs subscription message, structurally what
 * `@logferry/cloudwatch-decoder` returns.
 *
 * @example
 * ```ts
 * const message: DecodedSubscriptionMessage = decodeSubscriptionMessage(record.kinesis.data);
 * ```
 */
export type DecodedSubscriptionMessage =
  | {
      readonly messageType: 'DATA_MESSAGE';
      readonly owner: string;
      readonly logGroup: string;
      readonly logStream: string;
      readonly subscriptionFilters: readonly string[];
      readonly logEvents: readonly DecodedLogEvent[];
      readonly policyLevel?: string;
    }
  | { readonly messageType: 'CONTROL_MESSAGE' };

/**
 * Decodes one Kinesis record's base64 `data`. Throws (a `DecodeError` with a `code`) when the
 * data is not a subscription message.
 *
 * @example
 * ```ts
 * const decode: DecodeRecordData = (data) => decodeSubscriptionMessage(data);
 * ```
 */
export type DecodeRecordData = (data: string) => DecodedSubscriptionMessage;

/**
 * Options of {@link decodeBatch}.
 *
 * @example
 * ```ts
 * const options: DecodeBatchOptions = { decode, ownLogGroup: '/aws/lambda/logferry', now: Date.now };
 * ```
 */
export interface DecodeBatchOptions {
  /** The subscription-message decoder. */
  readonly decode: DecodeRecordData;
  /**
   * Events from this log group are skipped: shipping the function's own logs would feed them
   * back into the stream (a log loop).
   * @default undefined (nothing skipped)
   */
  readonly ownLogGroup?: string;
  /**
   * Current time in ms, for `failedAt`.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * Decode only `event.Records[start, end)`, so a batch can be decoded record by record; positions
   * keep the record indices of the whole event. The whole event's shape is still checked.
   * @default the whole event
   */
  readonly range?: { readonly start: number; readonly end: number };
}

/**
 * What {@link decodeBatch} made of a Kinesis event.
 *
 * @example
 * ```ts
 * const { records, undecodable }: DecodedBatch = decodeBatch(event, { decode });
 * ```
 */
export interface DecodedBatch {
  /** Log events to deliver, in Kinesis record order then event order. */
  readonly records: readonly SinkRecord[];
  /** Records whose data could not be decoded, for the dead-letter store. */
  readonly undecodable: readonly UndecodableRecordEntry[];
  /** Kinesis records decoded: those of the event, or of `range`. */
  readonly kinesisRecords: number;
  /** CloudWatch Logs control messages (health checks), skipped. */
  readonly controlMessages: number;
  /** Log events from the function's own log group, skipped. */
  readonly ownLogGroupEvents: number;
  /** Earliest `approximateArrivalTimestamp` in ms, `undefined` for an empty event. */
  readonly oldestArrivalTimestamp: number | undefined;
}

/**
 * Turns a Kinesis stream event into {@link SinkRecord}s: decodes every record, skips control
 * messages and the function's own log group, and sets aside undecodable records with their raw
 * data and the decoder's error code (they are dead-lettered, never dropped).
 *
 * @throws {KinesisLambdaError} `invalid-event` when the event is not a Kinesis stream event.
 * @example
 * ```ts
 * const batch = decodeBatch(event, { decode: (data) => decodeSubscriptionMessage(data) });
 * console.log(batch.records.length, batch.undecodable.length);
 * ```
 */
export function decodeBatch(event: KinesisStreamEvent, options: DecodeBatchOptions): DecodedBatch {
  return decodeRecordRange(readKinesisRecords(event), options);
}

/**
 * {@link decodeBatch} on records already checked by {@link readKinesisRecords}: decodes
 * `records[range.start, range.end)` (all of them by default).
 *
 * @example
 * ```ts
 * const records = readKinesisRecords(event);
 * const first = decodeRecordRange(records, { decode, range: { start: 0, end: 1 } });
 * ```
 */
export function decodeRecordRange(
  recordsOfEvent: KinesisStreamEvent['Records'],
  options: DecodeBatchOptions,
): DecodedBatch {
  const now = options.now ?? Date.now;
  const records: SinkRecord[] = [];
  const undecodable: UndecodableRecordEntry[] = [];
  let controlMessages = 0;
  let ownLogGroupEvents = 0;
  let oldestArrivalTimestamp: number | undefined;

  const start = Math.max(0, options.range?.start ?? 0);
  const end = Math.min(recordsOfEvent.length, options.range?.end ?? recordsOfEvent.length);
  for (let recordIndex = start; recordIndex < end; recordIndex += 1) {
    const kinesisRecord = recordsOfEvent[recordIndex] as KinesisStreamEvent['Records'][number];
    const { kinesis } = kinesisRecord;
    const shardId = kinesisRecord.eventID.split(':', 1)[0] ?? '';
    // Lambda reports the arrival time in seconds with millisecond decimals.
    const approximateArrivalTimestamp =
      typeof kinesis.approximateArrivalTimestamp === 'number'
        ? Math.round(kinesis.approximateArrivalTimestamp * 1000)
        : undefined;
    if (
      approximateArrivalTimestamp !== undefined &&
      (oldestArrivalTimestamp === undefined || approximateArrivalTimestamp < oldestArrivalTimestamp)
    ) {
      oldestArrivalTimestamp = approximateArrivalTimestamp;
    }

    let message: DecodedSubscriptionMessage;
    try {
      message = options.decode(kinesis.data);
    } catch (error) {
      undecodable.push({
        kind: 'undecodable-record',
        data: kinesis.data,
        shardId,
        sequenceNumber: kinesis.sequenceNumber,
        ...(approximateArrivalTimestamp === undefined ? {} : { approximateArrivalTimestamp }),
        reason: error instanceof Error ? error.message : String(error),
        errorType: readErrorCode(error),
        failedAt: new Date(now()).toISOString(),
      });
      continue;
    }

    if (message.messageType !== 'DATA_MESSAGE') {
      controlMessages += 1;
      continue;
    }
    if (options.ownLogGroup !== undefined && message.logGroup === options.ownLogGroup) {
      ownLogGroupEvents += message.logEvents.length;
      continue;
    }
    const { owner, logGroup, logStream, subscriptionFilters, policyLevel } = message;
    const { sequenceNumber } = kinesis;
    for (let eventIndex = 0; eventIndex < message.logEvents.length; eventIndex += 1) {
      const logEvent = message.logEvents[eventIndex] as DecodedLogEvent;
      const { extractedFields } = logEvent;
      // Literal objects rather than conditional spreads: this runs once per log event, and the
      // profile showed the spreads (and their temporary objects) in the handler's self time.
      // The keys and their order are the same either way.
      const position: SinkRecord['position'] =
        approximateArrivalTimestamp === undefined
          ? { shardId, sequenceNumber, recordIndex, eventIndex }
          : { shardId, sequenceNumber, recordIndex, eventIndex, approximateArrivalTimestamp };
      records.push(
        extractedFields === undefined && policyLevel === undefined
          ? {
              id: logEvent.id,
              timestamp: logEvent.timestamp,
              message: logEvent.message,
              owner,
              logGroup,
              logStream,
              subscriptionFilters,
              position,
            }
          : {
              id: logEvent.id,
              timestamp: logEvent.timestamp,
              message: logEvent.message,
              ...(extractedFields === undefined ? {} : { extractedFields }),
              owner,
              logGroup,
              logStream,
              subscriptionFilters,
              ...(policyLevel === undefined ? {} : { policyLevel }),
              position,
            },
      );
    }
  }

  return {
    records,
    undecodable,
    kinesisRecords: Math.max(0, end - start),
    controlMessages,
    ownLogGroupEvents,
    oldestArrivalTimestamp,
  };
}

/**
 * The records of a Kinesis stream event, every one checked to have the fields the delivery loop
 * reads, so a malformed event fails as a whole before anything is sent.
 *
 * @throws {KinesisLambdaError} `invalid-event` when the event is not a Kinesis stream event.
 * @example
 * ```ts
 * const records = readKinesisRecords(event); // event.Records, checked
 * ```
 */
export function readKinesisRecords(event: KinesisStreamEvent): KinesisStreamEvent['Records'] {
  const recordsOfEvent = (event as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(recordsOfEvent)) {
    throw new KinesisLambdaError(
      `Expected a Kinesis stream event with a "Records" array; received ${describe(event)}`,
      { code: 'invalid-event' },
    );
  }
  for (let recordIndex = 0; recordIndex < recordsOfEvent.length; recordIndex += 1) {
    const kinesisRecord = recordsOfEvent[recordIndex] as KinesisStreamEvent['Records'][number];
    const kinesis = kinesisRecord?.kinesis;
    if (
      typeof kinesis?.data !== 'string' ||
      typeof kinesis.sequenceNumber !== 'string' ||
      typeof kinesisRecord.eventID !== 'string'
    ) {
      throw new KinesisLambdaError(
        `Expected Records[${recordIndex}] to have a string eventID, kinesis.data and kinesis.sequenceNumber; received ${describe(kinesisRecord)}`,
        { code: 'invalid-event' },
      );
    }
  }
  return recordsOfEvent as KinesisStreamEvent['Records'];
}

function readErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : typeof error;
}

function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
