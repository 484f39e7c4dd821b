import { describe, expect, it } from 'vitest';
import { DECODE_HELP } from './commands/decode';
import { REPLAY_HELP } from './commands/replay';
import { LOGFERRY_HELP, runLogferry } from './run-logferry';
import { createTestIo } from './test-support';

async function run(argv: string[]) {
  const io = createTestIo();
  const exitCode = await runLogferry(argv, io);
  return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe('runLogferry', () => {
  it('prints the help listing every command with --help or -h', async () => {
    expect(await run(['--help'])).toEqual({ exitCode: 0, stdout: LOGFERRY_HELP, stderr: '' });
    expect(await run(['-h'])).toEqual({ exitCode: 0, stdout: LOGFERRY_HELP, stderr: '' });
    expect(LOGFERRY_HELP).toContain(
      '  decode     print the log events of CloudWatch Logs subscription payloads as NDJSON\n' +
        '  replay     replay the S3 archive, or drain the dead-letter store, into the destinations\n',
    );
  });

  it('prints the help on standard error and exits 2 without a command', async () => {
    expect(await run([])).toEqual({ exitCode: 2, stdout: '', stderr: LOGFERRY_HELP });
  });

  it('exits 2 for an unknown command, also for inherited property names', async () => {
    for (const name of ['replay-all', 'toString', '__proto__']) {
      expect(await run([name])).toEqual({
        exitCode: 2,
        stdout: '',
        stderr: `logferry: unknown command ${JSON.stringify(name)}; expected one of: decode, replay\nRun 'logferry --help' for usage.\n`,
      });
    }
  });

  it('hands the remaining arguments to the command', async () => {
    expect(await run(['decode', '--help'])).toEqual({
      exitCode: 0,
      stdout: DECODE_HELP,
      stderr: '',
    });
    expect(await run(['replay', '--help'])).toEqual({
      exitCode: 0,
      stdout: REPLAY_HELP,
      stderr: '',
    });
  });
});
