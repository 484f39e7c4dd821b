import { describe, expect, it } from 'vitest';
import { isReplayError } from './errors';
import { parseTimeArgument } from './parse-time-argument';

const now = Date.UTC(2024, 5, 10, 12, 0, 0);

describe('parseTimeArgument', () => {
  it('reads ISO-8601 dates and date-times as UTC unless they carry an offset', () => {
    expect(parseTimeArgument('2024-06-01', '--since', now)).toBe(Date.UTC(2024, 5, 1));
    expect(parseTimeArgument('2024-06-01T12:30:00Z', '--since', now)).toBe(
      Date.UTC(2024, 5, 1, 12, 30),
    );
    expect(parseTimeArgument('2024-06-01T12:30', '--since', now)).toBe(
      Date.UTC(2024, 5, 1, 12, 30),
    );
    expect(parseTimeArgument('2024-06-01T14:30:00.250+02:00', '--since', now)).toBe(
      Date.UTC(2024, 5, 1, 12, 30, 0, 250),
    );
  });

  it('reads epoch milliseconds', () => {
    expect(parseTimeArgument('1717200000000', '--until', now)).toBe(1717200000000);
  });

  it('reads a duration as that long before now', () => {
    expect(parseTimeArgument('90s', '--since', now)).toBe(now - 90_000);
    expect(parseTimeArgument('30m', '--since', now)).toBe(now - 1_800_000);
    expect(parseTimeArgument('6h', '--since', now)).toBe(now - 21_600_000);
    expect(parseTimeArgument('7d', '--since', now)).toBe(now - 604_800_000);
    expect(parseTimeArgument('2w', '--since', now)).toBe(now - 1_209_600_000);
  });

  it('refuses dates that do not exist and anything else, naming the flag and the value', () => {
    for (const value of [
      '2024-02-31',
      '2024-13-01',
      'yesterday',
      '6 hours',
      '',
      '-5m',
      '2024-06-01T25:00Z',
    ]) {
      let caught: unknown;
      try {
        parseTimeArgument(value, '--since', now);
      } catch (error) {
        caught = error;
      }
      expect(isReplayError(caught) && caught.code).toBe('invalid-arguments');
      expect((caught as Error).message).toBe(
        `--since must be an ISO-8601 date or date-time (2024-06-01, 2024-06-01T12:00:00Z), epoch milliseconds, or a duration ago (30m, 6h, 7d); received ${JSON.stringify(value)}`,
      );
    }
  });
});
