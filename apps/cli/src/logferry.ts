import { runLogferry } from './run-logferry';

// The bin entry: wires the real process to the dispatcher. Everything testable lives in
// run-logferry.ts and commands/.

// Stop quietly when the reader goes away (`logferry decode events.json | head`).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// For replay, the first Ctrl-C asks the command to stop cleanly (it finishes what is in flight and
// writes its checkpoint); a second one quits at once — the checkpoint on disk is always whole.
// Other commands keep Node's default: Ctrl-C ends them at once.
const interrupt = new AbortController();
const stopsCleanly = new Set(['replay']);
if (stopsCleanly.has(process.argv[2] ?? '')) {
  process.on('SIGINT', () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
    process.stderr.write(
      '\nlogferry: interrupted; finishing the requests in flight (Ctrl-C again to quit now)\n',
    );
  });
}

try {
  process.exitCode = await runLogferry(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    environment: process.env,
    signal: interrupt.signal,
  });
} catch (error) {
  process.stderr.write(
    `logferry: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
