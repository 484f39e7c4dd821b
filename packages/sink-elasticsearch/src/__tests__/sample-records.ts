import type { SinkRecord } from '@logferry/sink';

function createSampleRecord(
  id: string,
  timestamp: number,
  message: string,
  logGroup: string,
  logStream: string,
  eventIndex: number,
): SinkRecord {
  return {
    id,
    timestamp,
    message,
    owner: '123456789012',
    logGroup,
    logStream,
    subscriptionFilters: ['logferry'],
    position: {
      shardId: 'shardId-000000000000',
      sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
      recordIndex: 0,
      eventIndex,
    },
  };
}

/**
 * Three small records in the shape of the CloudWatch Logs sample messages ("ilikecats", a JSON
 * line, "search me im a log"), for tests that assert exact NDJSON bytes.
 *
 * @example
 * ```ts
 * const [cats, json, searchMe] = SAMPLE_RECORDS;
 * ```
 */
export const SAMPLE_RECORDS: readonly SinkRecord[] = Object.freeze([
  createSampleRecord(
    '36990390990134150016227618181431330390633573838329307136',
    1658732828000,
    'ilikecats',
    'foo',
    'stream-1',
    0,
  ),
  createSampleRecord(
    '36990390990156450761426148804572866108906222199835287553',
    1658732828001,
    '{"level":"info","msg":"search me"}',
    'bar',
    'stream-2',
    1,
  ),
  createSampleRecord(
    '36990390990178751506624679427714401827178870561341267970',
    1658732828002,
    'search me im a log',
    'baz',
    'stream-3',
    2,
  ),
]);

/**
 * The exact NDJSON the default mapper writes for {@link SAMPLE_RECORDS}, line by line.
 *
 * @example
 * ```ts
 * expect(body.split('\n')).toEqual([...SAMPLE_NDJSON_LINES, '']);
 * ```
 */
export const SAMPLE_NDJSON_LINES: readonly string[] = Object.freeze([
  '{"create":{"_index":"cwl-2022.07.25","_id":"36990390990134150016227618181431330390633573838329307136"}}',
  '{"@timestamp":"2022-07-25T07:07:08.000Z","message":"ilikecats","cloud":{"provider":"aws","account":{"id":"123456789012"}},"aws":{"cloudwatch":{"log_group":"foo","log_stream":"stream-1","subscription_filters":["logferry"]}},"event":{"id":"36990390990134150016227618181431330390633573838329307136"}}',
  '{"create":{"_index":"cwl-2022.07.25","_id":"36990390990156450761426148804572866108906222199835287553"}}',
  '{"@timestamp":"2022-07-25T07:07:08.001Z","message":"{\\"level\\":\\"info\\",\\"msg\\":\\"search me\\"}","cloud":{"provider":"aws","account":{"id":"123456789012"}},"aws":{"cloudwatch":{"log_group":"bar","log_stream":"stream-2","subscription_filters":["logferry"]}},"event":{"id":"36990390990156450761426148804572866108906222199835287553"},"json":{"level":"info","msg":"search me"}}',
  '{"create":{"_index":"cwl-2022.07.25","_id":"36990390990178751506624679427714401827178870561341267970"}}',
  '{"@timestamp":"2022-07-25T07:07:08.002Z","message":"search me im a log","cloud":{"provider":"aws","account":{"id":"123456789012"}},"aws":{"cloudwatch":{"log_group":"baz","log_stream":"stream-3","subscription_filters":["logferry"]}},"event":{"id":"36990390990178751506624679427714401827178870561341267970"}}',
]);
