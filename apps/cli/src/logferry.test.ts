import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../tsup.config';
import { LOGFERRY_HELP } from './run-logferry';

// Builds the real bin (same tsup config, into a temporary folder so a concurrent `pnpm build`
// is not disturbed) and runs it as a child process.
const outDir = mkdtempSync(join(tmpdir(), 'logferry-bin-'));
const bin = join(outDir, 'logferry.js');
const examplePath = fileURLToPath(new URL('../examples/kinesis-event.json', import.meta.url));

beforeAll(async () => {
  await build({
    ...(tsupConfig as object),
    entry: { logferry: fileURLToPath(new URL('./logferry.ts', import.meta.url)) },
    outDir,
    sourcemap: false,
    silent: true,
    config: false,
  });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function runBin(args: string[], input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('logferry (built bin)', () => {
  it('decodes the example event', async () => {
    const result = await runBin(['decode', examplePath]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').map((line) => line && JSON.parse(line).message)).toEqual([
      'ilikecats',
      'im an awesome log file',
      'search me im a log',
      '',
    ]);
  });

  it('prints its help and exits 0', async () => {
    expect(await runBin(['--help'])).toEqual({ code: 0, stdout: LOGFERRY_HELP, stderr: '' });
  });

  it('exits 1 with a one-line explanation for bad input on standard input', async () => {
    const result = await runBin(['decode', '-'], 'bm90IGd6aXA=\n');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'logferry decode: input: Invalid gzip data: the payload does not start with the gzip magic bytes 1f 8b. Expected one or more complete gzip members (RFC 1952); received 8 bytes starting 6e 6f 74 20 67 7a 69 70\n',
    });
  });

  it('exits 2 for an unknown command', async () => {
    const result = await runBin(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('logferry: unknown command "frobnicate"');
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    const many = JSON.stringify({
      Records: Array.from({ length: 2000 }, () =>
        JSON.parse(
          // Reuse one example record many times: far more output than a pipe buffer holds.
          '{"kinesis":{"data":"H4sIAAAAAAAAA93Wu07EMBCF4VdBp06Rk3vcRSJsRZXt0AqFxawskjiKvSC02ndH3Ar7DZjOY00xf/ddMGvnxpPef6waCrfdvnu874eh2/VIYN8XvUGBWV6UVd20KTMkmOxpt9nzCoUXa38+Br/pcYaCQwJ3fnLHzaze2OXOTF5vDurh8L3Yv+nFf40XmGcopEjgzaydH+cVKk3+ToKCmcyrPo7e3fzvF67Jby3DWsquzcLaTHZtHtbmsmuLsLaQXVuGtaXs2iqsrWTX1mFtLbu2CWsb2bVtWNvKrmWEKUrXVMwp4Z5iBCoKFxUjUlG4qRihisJVxYhVFO4qRrCicFkxohWF24oRrihcV4x4RaG+Olw/AQaC0DopEwAA"}}',
        ),
      ),
    });
    const child = spawn(process.execPath, [bin, 'decode', '-'], { stdio: 'pipe' });
    let stderr = '';
    let received = 0;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', (chunk: Buffer) => {
      received = chunk.length;
      child.stdout.destroy();
    });
    child.stdin.end(many);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(received).toBeGreaterThan(0);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
