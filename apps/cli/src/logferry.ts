import { runLogferry } from './run-logferry';

// The bin entry: wires the real process to the dispatcher. Everything testable lives in
// run-logferry.ts and commands/.

// Stop quietly when the reader goes away (`logferry decode events.json | head`).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await runLogferry(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
} catch (error) {
  process.stderr.write(
    `logferry: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
