import { describe, expect, it } from 'vitest';
import { parseReplayArgs } from './parse-replay-args';

const now = Date.UTC(2024, 5, 10, 12);

describe('parseReplayArgs', () => {
  it('applies the defaults', () => {
    expect(parseReplayArgs([], now)).toEqual({
      help: false,
      from: undefined,
      mode: undefined,
      filters: {},
      configPath: undefined,
      settings: {},
      sinkNames: undefined,
      concurrency: 4,
      batchSize: 1000,
      maxAttempts: 6,
      checkpointPath: undefined,
      dryRun: false,
      json: false,
      progress: undefined,
    });
  });

  it('reads the source, filters, run options and every setting flag', () => {
    const parsed = parseReplayArgs(
      [
        '--from',
        's3://acme-logs/archive',
        '--dead-letters',
        '--log-group',
        '/aws/lambda/a',
        '--log-group',
        '/aws/lambda/b',
        '--log-group',
        '/aws/lambda/a',
        '--since',
        '6h',
        '--until',
        '2024-06-10T11:00:00Z',
        '--endpoint',
        'http://127.0.0.1:9000',
        '--region',
        'eu-west-1',
        '--config',
        'replay.json',
        '--elasticsearch-url',
        'https://logs.example.com',
        '--index-template',
        'cwl-{yyyy}',
        '--retry-budget-ms',
        '5000',
        '--sink',
        'elasticsearch',
        '--concurrency',
        '8',
        '--batch-size',
        '250',
        '--max-attempts',
        '3',
        '--checkpoint',
        'replay.checkpoint.json',
        '--dry-run',
        '--json',
        '--no-progress',
      ],
      now,
    );
    expect(parsed).toEqual({
      help: false,
      from: { bucket: 'acme-logs', prefix: 'archive' },
      mode: 'dead-letters',
      filters: {
        logGroups: ['/aws/lambda/a', '/aws/lambda/b'],
        since: now - 6 * 3_600_000,
        until: Date.UTC(2024, 5, 10, 11),
      },
      configPath: 'replay.json',
      settings: {
        LOGFERRY_ELASTICSEARCH_URL: 'https://logs.example.com',
        LOGFERRY_INDEX_TEMPLATE: 'cwl-{yyyy}',
        LOGFERRY_RETRY_BUDGET_MS: '5000',
        LOGFERRY_S3_ENDPOINT: 'http://127.0.0.1:9000',
        AWS_REGION: 'eu-west-1',
      },
      sinkNames: ['elasticsearch'],
      concurrency: 8,
      batchSize: 250,
      maxAttempts: 3,
      checkpointPath: 'replay.checkpoint.json',
      dryRun: true,
      json: true,
      progress: false,
    });
  });

  it.each([
    [['--frm', 's3://x/y'], "Unknown option '--frm'"],
    [
      ['s3://acme-logs/archive'],
      'replay takes no positional arguments (give the source with --from s3://bucket/prefix); received ["s3://acme-logs/archive"]',
    ],
    [
      ['--archive', '--dead-letters'],
      '--dead-letters and --archive are mutually exclusive; give at most one',
    ],
    [
      ['--progress', '--no-progress'],
      '--progress and --no-progress are mutually exclusive; give at most one',
    ],
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 64; received "0"'],
    [['--concurrency', '65'], '--concurrency must be a whole number from 1 to 64; received "65"'],
    [
      ['--batch-size', '1.5'],
      '--batch-size must be a whole number from 1 to 10000; received "1.5"',
    ],
    [
      ['--max-attempts', 'many'],
      '--max-attempts must be a whole number from 1 to 100; received "many"',
    ],
    [
      ['--since', '2024-06-02', '--until', '2024-06-01'],
      '--since must not be after --until; received 2024-06-02T00:00:00.000Z and 2024-06-01T00:00:00.000Z',
    ],
    [['--log-group', ' '], '--log-group needs a log group name; received an empty one'],
    [
      ['--sink', 's3'],
      '--sink must be elasticsearch or http (the destinations a replay can deliver to); received "s3"',
    ],
    [
      ['--endpoint', 'http://a', '--s3-endpoint', 'http://b'],
      '--endpoint and --s3-endpoint name the same setting; give one',
    ],
    [['--from'], "Option '--from <value>' argument missing"],
  ])('refuses %j', (args, message) => {
    expect(() => parseReplayArgs(args, now)).toThrow(
      expect.objectContaining({
        name: 'ReplayError',
        code: 'invalid-arguments',
        message: expect.stringContaining(message),
      }),
    );
  });
});
