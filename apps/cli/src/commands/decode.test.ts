import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeSubscriptionMessage, type SubscriptionMessage } from '@logferry/cloudwatch-decoder';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIo } from '../test-support';
import { DECODE_HELP, runDecodeCommand } from './decode';

const examplePath = fileURLToPath(new URL('../../examples/kinesis-event.json', import.meta.url));
const EXAMPLE_LINES = [
  '{"logGroup":"foo","logStream":"foo-stream-1","owner":"123456789012","id":"36990390990134150016227618181431330390633573838329307130","timestamp":1700000000000,"message":"ilikecats"}',
  '{"logGroup":"bar","logStream":"bar-stream-1","owner":"123456789012","id":"36990390990134150016227618181431330390633573838329307131","timestamp":1700000001000,"message":"im an awesome log file"}',
  '{"logGroup":"baz","logStream":"baz-stream-1","owner":"123456789012","id":"36990390990134150016227618181431330390633573838329307132","timestamp":1700000002000,"message":"search me im a log"}',
];

const dataMessage: SubscriptionMessage = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'apache/access',
  logStream: 'i-0a1b2c3d',
  subscriptionFilters: ['apache'],
  logEvents: [
    {
      id: '1',
      timestamp: 1700000001000,
      message:
        '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
      extractedFields: { ip: '127.0.0.1', status_code: '200' },
    },
    { id: '2', timestamp: 1700000002000, message: 'line with "quotes"\nand a newline' },
  ],
};
const DATA_LINES = [
  '{"logGroup":"apache/access","logStream":"i-0a1b2c3d","owner":"123456789012","id":"1","timestamp":1700000001000,"message":"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \\"GET /apache_pb.gif HTTP/1.0\\" 200 1534","extractedFields":{"ip":"127.0.0.1","status_code":"200"}}',
  '{"logGroup":"apache/access","logStream":"i-0a1b2c3d","owner":"123456789012","id":"2","timestamp":1700000002000,"message":"line with \\"quotes\\"\\nand a newline"}',
];
const controlMessage: SubscriptionMessage = {
  messageType: 'CONTROL_MESSAGE',
  owner: 'CloudwatchLogs',
  logGroup: '',
  logStream: '',
  subscriptionFilters: [],
  logEvents: [
    {
      id: '',
      timestamp: 1,
      message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
    },
  ],
};
const data = encodeSubscriptionMessage(dataMessage);
const notGzip = Buffer.from('hello world').toString('base64');

const temporaryFolder = mkdtempSync(join(tmpdir(), 'logferry-decode-'));
afterAll(() => rmSync(temporaryFolder, { recursive: true, force: true }));

async function run(args: string[], input = '', isTTY?: boolean) {
  const io = createTestIo(input, { isTTY });
  const exitCode = await runDecodeCommand(args, io);
  return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe('runDecodeCommand', () => {
  it('prints the events of the example Kinesis event as NDJSON', async () => {
    expect(await run([examplePath])).toEqual({
      exitCode: 0,
      stdout: `${EXAMPLE_LINES.join('\n')}\n`,
      stderr: '',
    });
  });

  it('reads standard input when FILE is "-" or missing', async () => {
    const event = JSON.stringify({ Records: [{ kinesis: { data } }] });
    for (const args of [['-'], []]) {
      expect(await run(args, event)).toEqual({
        exitCode: 0,
        stdout: `${DATA_LINES.join('\n')}\n`,
        stderr: '',
      });
    }
  });

  it.each([
    ['a direct subscription event', JSON.stringify({ awslogs: { data } })],
    [
      'a Firehose transformation event',
      JSON.stringify({ invocationId: 'x', records: [{ recordId: '1', data }] }),
    ],
    ['bare base64 data', `\n  ${data}\n`],
    ['base64 wrapped at 76 characters', data.replace(/.{76}/g, '$&\n')],
  ])('decodes %s', async (_name, input) => {
    expect(await run(['-'], input)).toEqual({
      exitCode: 0,
      stdout: `${DATA_LINES.join('\n')}\n`,
      stderr: '',
    });
  });

  it('skips control messages with a note on standard error', async () => {
    const event = JSON.stringify({
      Records: [
        { kinesis: { data: encodeSubscriptionMessage(controlMessage) } },
        { kinesis: { data } },
      ],
    });
    expect(await run(['-'], event)).toEqual({
      exitCode: 0,
      stdout: `${DATA_LINES.join('\n')}\n`,
      stderr:
        'logferry decode: Records[0].kinesis.data: skipped CONTROL_MESSAGE "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream."\n',
    });
  });

  it('explains each bad record on one line, still prints the good ones and exits 1', async () => {
    const event = JSON.stringify({
      Records: [{ kinesis: { data: notGzip } }, { kinesis: { data } }, { kinesis: {} }],
    });
    expect(await run(['-'], event)).toEqual({
      exitCode: 1,
      stdout: `${DATA_LINES.join('\n')}\n`,
      stderr: [
        'logferry decode: Records[0].kinesis.data: Invalid gzip data: the payload does not start with the gzip magic bytes 1f 8b. Expected one or more complete gzip members (RFC 1952); received 11 bytes starting 68 65 6c 6c 6f 20 77 6f 72 6c 64',
        'logferry decode: Records[2].kinesis.data: Invalid input: a Kinesis record must have kinesis.data as a base64 string; received nothing (the field is missing)',
        '',
      ].join('\n'),
    });
  });

  it('names the record of a Firehose event that failed', async () => {
    const event = JSON.stringify({ records: [{ data }, { data: 'not base64!' }] });
    const result = await run(['-'], event);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'logferry decode: records[1].data: Invalid base64: character "!" (U+0021) at offset 10 is outside the base64 alphabet (A-Z, a-z, 0-9, +, /). Expected padded standard base64 (RFC 4648 §4; ASCII whitespace is ignored); received "not base64!"\n',
    );
  });

  it('rejects JSON that is not JSON, not an event, or no input at all', async () => {
    expect(await run(['-'], '{"Records": [')).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: expect.stringMatching(
        /^logferry decode: the input looks like JSON but does not parse: .+\n$/,
      ),
    });
    expect(await run(['-'], '{"messageType":"DATA_MESSAGE"}')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'logferry decode: unrecognised event JSON: expected {"Records":[{"kinesis":{"data":…}}]}, {"awslogs":{"data":…}} or {"records":[{"data":…}]}; received keys ["messageType"]\n',
    });
    expect(await run(['-'], ' \n')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'logferry decode: no input: expected a Kinesis, CloudWatch Logs or Firehose event (JSON) or base64 data\n',
    });
  });

  it('reports a file it cannot read and exits 1', async () => {
    const missing = join(temporaryFolder, 'missing.json');
    const result = await run([missing]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^logferry decode: cannot read ${missing}: ENOENT: no such file or directory.*\\n$`,
      ),
    );
  });

  it('reads a file given by path', async () => {
    const path = join(temporaryFolder, 'event.json');
    writeFileSync(path, JSON.stringify({ awslogs: { data } }));
    expect((await run([path])).stdout).toBe(`${DATA_LINES.join('\n')}\n`);
  });

  it('honours --max-decompressed-bytes', async () => {
    const result = await run(['--max-decompressed-bytes', '64', '-'], data);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `logferry decode: input: Decompressed payload is too large: it exceeds maxDecompressedBytes (64 bytes), so inflating stopped at the cap; received ${Buffer.from(data, 'base64').length} bytes of gzip data\n`,
    );
    expect((await run(['--max-decompressed-bytes=1000000', '-'], data)).exitCode).toBe(0);
  });

  it('decodes raw gzip bytes piped in as base64 after whitespace trimming only', async () => {
    const base64 = gzipSync(JSON.stringify(dataMessage)).toString('base64');
    expect((await run([], `${base64}\r\n`)).stdout).toBe(`${DATA_LINES.join('\n')}\n`);
  });

  it.each([
    [['--nope'], "Unknown option '--nope'"],
    [['a.json', 'b.json'], 'expected at most one FILE; received 2'],
    [
      ['--max-decompressed-bytes', 'lots'],
      '--max-decompressed-bytes must be a positive integer; received "lots"',
    ],
    [
      ['--max-decompressed-bytes', '0'],
      '--max-decompressed-bytes must be a positive integer; received "0"',
    ],
    [
      ['--max-decompressed-bytes', '99999999999'],
      'Invalid decode options: options.maxDecompressedBytes must be an integer from 1 to 1073741824; received number 99999999999',
    ],
  ])('exits 2 for the usage error %j', async (args, problem) => {
    const result = await run(args, data);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`logferry decode: ${problem}`);
    expect(result.stderr).toContain("Run 'logferry decode --help' for usage.\n");
  });

  it('exits 2 instead of waiting when no FILE is given and standard input is a terminal', async () => {
    expect(await run([], '', true)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        "logferry decode: no FILE given and standard input is a terminal\nRun 'logferry decode --help' for usage.\n",
    });
  });

  it('prints its help with --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      expect(await run([flag])).toEqual({ exitCode: 0, stdout: DECODE_HELP, stderr: '' });
    }
    expect(DECODE_HELP).toContain('Usage: logferry decode [options] [FILE|-]');
  });
});
