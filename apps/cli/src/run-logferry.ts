import type { CliIo } from './cli-io';
import { DECODE_HELP, runDecodeCommand } from './commands/decode';
import { REPLAY_HELP, runReplayCommand } from './commands/replay';

interface Command {
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

// Each verb is one entry.
const COMMANDS: Readonly<Record<string, Command>> = {
  decode: {
    summary: 'print the log events of CloudWatch Logs subscription payloads as NDJSON',
    help: DECODE_HELP,
    run: runDecodeCommand,
  },
  replay: {
    summary: 'replay the S3 archive, or drain the dead-letter store, into the destinations',
    help: REPLAY_HELP,
    run: (args, io) => runReplayCommand(args, io),
  },
};

/**
 * `logferry --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(LOGFERRY_HELP);
 * ```
 */
export const LOGFERRY_HELP = `Usage: logferry <command> [options]

Tools for logferry, which ships AWS CloudWatch Logs to Elasticsearch / OpenSearch, S3 and log
SaaS endpoints.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Options:
  -h, --help  show this help

Run 'logferry <command> --help' for a command's options.
`;

/**
 * Dispatches `argv` (without the node and script paths) to a command and resolves to the
 * process exit code: 0 success, 1 bad input, 2 usage error.
 *
 * @example
 * ```ts
 * process.exitCode = await runLogferry(process.argv.slice(2), io);
 * ```
 */
export async function runLogferry(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '-h' || name === '--help') {
    io.stdout.write(LOGFERRY_HELP);
    return 0;
  }
  if (name === undefined) {
    io.stderr.write(LOGFERRY_HELP);
    return 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr.write(
      `logferry: unknown command ${JSON.stringify(name)}; expected one of: ${Object.keys(COMMANDS).join(', ')}\nRun 'logferry --help' for usage.\n`,
    );
    return 2;
  }
  return command.run(args, io);
}
