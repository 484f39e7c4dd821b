import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  type DecodeOptions,
  decodeCloudWatchLogsEvent,
  decodeFirehoseRecord,
  decodeKinesisRecord,
  decodeSubscriptionMessage,
  isDecodeError,
  type SubscriptionMessage,
} from '@logferry/cloudwatch-decoder';
import type { CliIo } from '../cli-io';

/**
 * `logferry decode --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(DECODE_HELP);
 * ```
 */
export const DECODE_HELP = `Usage: logferry decode [options] [FILE|-]

Decodes CloudWatch Logs subscription payloads (base64 → gzip → JSON) and prints one JSON
object per log event (NDJSON) on standard output:
  {"logGroup":…,"logStream":…,"owner":…,"id":…,"timestamp":…,"message":…}
with "extractedFields" added when the subscription filter extracted fields.

FILE, or standard input when FILE is - or missing, holds one of:
  a Kinesis Lambda event            {"Records":[{"kinesis":{"data":"H4sI…"}}]}
  a direct subscription event       {"awslogs":{"data":"H4sI…"}}
  a Firehose transformation event   {"records":[{"data":"H4sI…"}]}
  one record's base64 data          H4sI…   (whitespace is ignored)

Control messages (CloudWatch Logs health checks) are skipped with a note on standard error.

Options:
      --max-decompressed-bytes N   reject a record that inflates to more than N bytes
                                   (default 16777216, 16 MiB)
  -h, --help                       show this help

Exit status: 0 when every record decoded; 1 when the input or a record could not be decoded
(each failure is explained on one line of standard error, and the other records are still
printed); 2 for usage errors.

Examples:
  logferry decode examples/kinesis-event.json
  aws kinesis get-records --shard-iterator "$ITERATOR" --query 'Records[0].Data' --output text | logferry decode
`;

interface Payload {
  /** Where the payload sits in the input, e.g. `Records[1].kinesis.data`. */
  readonly label: string;
  readonly decode: (options: DecodeOptions) => SubscriptionMessage;
}

class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * Runs `logferry decode` and resolves to the process exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runDecodeCommand(['examples/kinesis-event.json'], io);
 * ```
 */
export async function runDecodeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const usageError = (problem: string) => {
    io.stderr.write(`logferry decode: ${problem}\nRun 'logferry decode --help' for usage.\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parseDecodeArgs>;
  try {
    parsed = parseDecodeArgs(args);
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    io.stdout.write(DECODE_HELP);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    return usageError(`expected at most one FILE; received ${parsed.positionals.length}`);
  }
  const options: DecodeOptions = {};
  const cap = parsed.values['max-decompressed-bytes'];
  if (cap !== undefined) {
    if (!/^[1-9]\d*$/.test(cap)) {
      return usageError(`--max-decompressed-bytes must be a positive integer; received "${cap}"`);
    }
    Object.assign(options, { maxDecompressedBytes: Number(cap) });
  }
  const source = parsed.positionals[0] ?? '-';
  if (parsed.positionals.length === 0 && io.stdin.isTTY === true) {
    return usageError('no FILE given and standard input is a terminal');
  }

  let payloads: readonly Payload[];
  try {
    const text = source === '-' ? await readAll(io.stdin) : await readFile(source, 'utf8');
    payloads = findPayloads(text);
  } catch (error) {
    const problem =
      error instanceof InputError
        ? error.message
        : `cannot read ${source === '-' ? 'standard input' : source}: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr.write(`logferry decode: ${problem}\n`);
    return 1;
  }

  let failures = 0;
  for (const payload of payloads) {
    let message: SubscriptionMessage;
    try {
      message = payload.decode(options);
    } catch (error) {
      if (!isDecodeError(error)) throw error;
      if (error.code === 'invalid-options') return usageError(error.message);
      io.stderr.write(`logferry decode: ${payload.label}: ${error.message}\n`);
      failures++;
      continue;
    }
    if (message.messageType === 'CONTROL_MESSAGE') {
      const text = message.logEvents.map((event) => event.message).join(' ');
      io.stderr.write(
        `logferry decode: ${payload.label}: skipped CONTROL_MESSAGE ${JSON.stringify(text)}\n`,
      );
      continue;
    }
    let lines = '';
    for (const event of message.logEvents) {
      lines += `${JSON.stringify({
        logGroup: message.logGroup,
        logStream: message.logStream,
        owner: message.owner,
        id: event.id,
        timestamp: event.timestamp,
        message: event.message,
        ...(event.extractedFields === undefined ? {} : { extractedFields: event.extractedFields }),
      })}\n`;
    }
    if (lines !== '') io.stdout.write(lines);
  }
  return failures === 0 ? 0 : 1;
}

function parseDecodeArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'max-decompressed-bytes': { type: 'string' },
    },
  });
}

async function readAll(stream: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Finds the base64 payloads in an event JSON or takes the whole text as one payload. */
function findPayloads(text: string): readonly Payload[] {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new InputError(
      'no input: expected a Kinesis, CloudWatch Logs or Firehose event (JSON) or base64 data',
    );
  }
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    return [{ label: 'input', decode: (options) => decodeSubscriptionMessage(trimmed, options) }];
  }
  let event: unknown;
  try {
    event = JSON.parse(trimmed);
  } catch (error) {
    throw new InputError(
      `the input looks like JSON but does not parse: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const object = (typeof event === 'object' && event !== null ? event : {}) as Record<
    string,
    unknown
  >;
  if (Array.isArray(object.Records)) {
    return object.Records.map((record, index) => ({
      label: `Records[${index}].kinesis.data`,
      decode: (options) => decodeKinesisRecord(record, options),
    }));
  }
  if (object.awslogs !== undefined && !Array.isArray(event)) {
    return [
      {
        label: 'awslogs.data',
        decode: (options) => decodeCloudWatchLogsEvent(object as never, options),
      },
    ];
  }
  if (Array.isArray(object.records)) {
    return object.records.map((record, index) => ({
      label: `records[${index}].data`,
      decode: (options) => decodeFirehoseRecord(record, options),
    }));
  }
  const keys = Array.isArray(event)
    ? 'an array'
    : `keys ${JSON.stringify(Object.keys(object).slice(0, 8))}`;
  throw new InputError(
    `unrecognised event JSON: expected {"Records":[{"kinesis":{"data":…}}]}, {"awslogs":{"data":…}} or {"records":[{"data":…}]}; received ${keys}`,
  );
}
