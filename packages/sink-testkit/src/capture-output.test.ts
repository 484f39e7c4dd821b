import { describe, expect, it } from 'vitest';
import { captureOutput } from './capture-output';

describe('captureOutput', () => {
  it('records console calls and direct stream writes, then restores them', () => {
    const originalLog = console.log;
    const originalWrite = process.stdout.write;
    const capture = captureOutput();
    try {
      console.warn('token=%s', 'abc123', { nested: { secret: 'deep-value' } });
      process.stderr.write(Buffer.from('raw bytes\n'));
    } finally {
      capture.restore();
    }
    expect(capture.text()).toBe("token=abc123 { nested: { secret: 'deep-value' } }\nraw bytes\n");
    expect(console.log).toBe(originalLog);
    expect(process.stdout.write).toBe(originalWrite);
    capture.restore();
    expect(console.log).toBe(originalLog);
  });
});
