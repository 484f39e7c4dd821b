import { readFileSync } from 'node:fs';
import type { Sink, SinkRecord } from '@logferry/sink';
import type { FakeHttpIntake, IntakeRequest, SinkConformanceHarness } from '@logferry/sink-testkit';

interface DecodedMessage {
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: string[];
  readonly logEvents: {
    readonly id: string;
    readonly timestamp: number;
    readonly message: string;
    readonly extractedFields?: Record<string, string>;
  }[];
}

/**
 * The records of a decoded CloudWatch Logs fixture, one Kinesis record per subscription message,
 * as the delivery loop builds them. Test-only.
 *
 * @example
 * ```ts
 * const records = loadFixtureRecords('lambda-and-ecs-messages.decoded.json'); // 7 records
 * ```
 */
export function loadFixtureRecords(fixture: string): SinkRecord[] {
  const messages = JSON.parse(
    readFileSync(new URL(`./__fixtures__/${fixture}`, import.meta.url), 'utf8'),
  ) as DecodedMessage[];
  return messages.flatMap((message, recordIndex) =>
    message.logEvents.map((event, eventIndex) => ({
      id: event.id,
      timestamp: event.timestamp,
      message: event.message,
      ...(event.extractedFields === undefined ? {} : { extractedFields: event.extractedFields }),
      owner: message.owner,
      logGroup: message.logGroup,
      logStream: message.logStream,
      subscriptionFilters: message.subscriptionFilters,
      position: {
        shardId: 'shardId-000000000000',
        sequenceNumber: `4959033827149025660855969253836157109592157598913658${String(8898 + recordIndex)}`,
        recordIndex,
        eventIndex,
      },
    })),
  );
}

/**
 * The events of one request body the fake intake received: NDJSON lines (each ending in `\n`) or
 * one JSON array. Throws when the body is neither, so a malformed body fails the test.
 *
 * @example
 * ```ts
 * const events = intake.acceptedRequests().flatMap((request) => parseIntakeEvents(request));
 * ```
 */
export function parseIntakeEvents(request: Pick<IntakeRequest, 'text'>): Record<string, unknown>[] {
  const text = request.text;
  if (text === '') return [];
  if (text.startsWith('[')) return JSON.parse(text) as Record<string, unknown>[];
  if (!text.endsWith('\n'))
    throw new Error(`an NDJSON body must end in a newline: ${text.slice(-40)}`);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The conformance harness of an HTTP sink posting to the kit's fake intake: stored ids and
 * messages are the events parsed from accepted request bodies. Test-only; each preset's
 * conformance file only says how its intake and sink are set up.
 *
 * @example
 * ```ts
 * return createIntakeHarness({ intake, sink, maxBytes: 65_536, timeoutMs: 1000, secrets: [apiKey] });
 * ```
 */
export function createIntakeHarness(options: {
  readonly intake: FakeHttpIntake;
  readonly sink: Sink;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly secrets: readonly string[];
}): SinkConformanceHarness {
  const { intake, sink } = options;
  const events = () => intake.acceptedRequests().flatMap((request) => parseIntakeEvents(request));
  return {
    sink,
    storedIds: async () => events().map((event) => String(event.id)),
    storedMessages: async () =>
      new Map(events().map((event) => [String(event.id), String(event.message)])),
    requestCount: () => intake.requestCount(),
    injectFault: (fault) => intake.injectFault(fault),
    maxRequestBytes: options.maxBytes,
    largestRequestBytes: () => intake.stats().largestRequestBytes,
    secrets: options.secrets,
    timeoutMs: options.timeoutMs,
    close: async () => {
      await sink.close?.();
      await intake.close();
    },
  };
}
