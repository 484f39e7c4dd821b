import { describe, expect, it } from 'vitest';
import { compileKeyTemplate } from './compile-key-template';
import {
  archiveKeyPlaceholders,
  defaultArchiveKeyTemplate,
  requiredArchiveKeyPlaceholders,
} from './default-archive-key-template';
import { S3ArchiveError } from './errors';

const rules = {
  optionName: 'keyTemplate',
  placeholders: archiveKeyPlaceholders,
  required: requiredArchiveKeyPlaceholders,
};
const values = {
  prefix: 'archive',
  logGroup: '%2Faws%2Flambda%2Fx',
  yyyy: '2024',
  MM: '06',
  dd: '01',
  HH: '07',
  shardId: 'shardId-000000000000',
  sequenceNumber: '4959',
  firstEventIndex: '0',
  lastEventIndex: '3',
};

describe('compileKeyTemplate', () => {
  it('renders the default archive template', () => {
    const template = compileKeyTemplate(defaultArchiveKeyTemplate, rules);
    expect(template.render(values)).toBe(
      'archive/log_group=%2Faws%2Flambda%2Fx/dt=2024-06-01/hour=07/shardId-000000000000-4959-0-3.ndjson.gz',
    );
  });

  it('drops "{prefix}/" when the prefix is empty', () => {
    const template = compileKeyTemplate(defaultArchiveKeyTemplate, rules);
    expect(template.render({ ...values, prefix: '' })).toBe(
      'log_group=%2Faws%2Flambda%2Fx/dt=2024-06-01/hour=07/shardId-000000000000-4959-0-3.ndjson.gz',
    );
  });

  it('renders a prefix up to the first placeholder without a value', () => {
    const template = compileKeyTemplate(defaultArchiveKeyTemplate, rules);
    expect(template.renderPrefix({ prefix: 'archive' })).toBe('archive/log_group=');
    expect(
      template.renderPrefix({ prefix: 'archive', logGroup: 'foo', yyyy: '2024', MM: '06' }),
    ).toBe('archive/log_group=foo/dt=2024-06-');
    expect(
      template.renderPrefix({
        prefix: 'archive',
        logGroup: 'foo',
        yyyy: '2024',
        MM: '06',
        dd: '01',
        HH: '23',
      }),
    ).toBe('archive/log_group=foo/dt=2024-06-01/hour=23/');
  });

  it('accepts a template without log group or time partitions', () => {
    const template = compileKeyTemplate(
      'raw/{shardId}/{sequenceNumber}-{firstEventIndex}-{lastEventIndex}.json.gz',
      rules,
    );
    expect(template.render(values)).toBe('raw/shardId-000000000000/4959-0-3.json.gz');
  });

  it.each([
    ['', 'must be a non-empty string'],
    [42, 'must be a non-empty string'],
    ['x'.repeat(513), 'must be at most 512 characters'],
    [
      '{prefix}/{shard}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}',
      'unknown placeholder {shard}',
    ],
    ['{prefix}/{shardId}-{sequenceNumber}.gz', 'must contain {firstEventIndex}, {lastEventIndex}'],
    [
      '{prefix}/{shardId}{sequenceNumber}-{firstEventIndex}-{lastEventIndex}',
      'needs literal text between placeholders',
    ],
    [
      '{prefix}/a b/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}',
      'may only contain placeholders and the characters',
    ],
    [
      '{prefix}/a{b/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}',
      'may only contain placeholders and the characters',
    ],
    [
      'logs/{prefix}/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}',
      'may only use {prefix} once, at the very start',
    ],
    [
      '{prefix}-{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}',
      'may only use {prefix} once, at the very start',
    ],
    [
      '/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}',
      'must not start or end with "/"',
    ],
    ['a//{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}', 'contain "//"'],
    ['a/../{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}', 'contain "//" or ".."'],
    ['a/./{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}', 'have a "." segment'],
    [
      'a/{shardId}-{sequenceNumber}-{firstEventIndex}-{lastEventIndex}/',
      'must not start or end with "/"',
    ],
  ])('rejects %j: %s', (template, rule) => {
    let thrown: unknown;
    try {
      compileKeyTemplate(template, rules);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(S3ArchiveError);
    expect(thrown).toMatchObject({ code: 'invalid-options', name: 'S3ArchiveError' });
    expect((thrown as Error).message).toContain('The "keyTemplate" option');
    expect((thrown as Error).message).toContain(rule);
    expect((thrown as Error).message).toContain('received');
  });

  it('refuses to render a key with a placeholder left empty', () => {
    const template = compileKeyTemplate(defaultArchiveKeyTemplate, rules);
    const { shardId: _, ...withoutShard } = values;
    expect(() => template.render(withoutShard)).toThrow(
      'No value for the key template placeholder {shardId}',
    );
  });
});
