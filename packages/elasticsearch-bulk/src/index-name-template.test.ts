import { describe, expect, it } from 'vitest';
import { compileIndexNameTemplate } from './index-name-template';

const JULY_25_0707 = Date.UTC(2022, 6, 25, 7, 7, 8);

describe('compileIndexNameTemplate', () => {
  it('renders the default daily template from the event time in UTC', () => {
    const template = compileIndexNameTemplate('cwl-{yyyy.MM.dd}');
    expect(template.render(JULY_25_0707, '/aws/lambda/x', '1')).toBe('cwl-2022.07.25');
    expect(template.render(Date.UTC(2022, 11, 31, 23, 59, 59, 999), 'g', '1')).toBe(
      'cwl-2022.12.31',
    );
    expect(template.render(Date.UTC(2023, 0, 1), 'g', '1')).toBe('cwl-2023.01.01');
    expect(template.bucketMs).toBe(86_400_000);
    expect(template.usesLogGroup).toBe(false);
    expect(template.usesOwner).toBe(false);
  });

  it('renders every token', () => {
    const template = compileIndexNameTemplate('{owner}.{logGroup}.{yyyy}-{MM}-{dd}-{HH}.{yyyy.MM}');
    expect(template.render(JULY_25_0707, '/aws/lambda/Orders', '123456789012')).toBe(
      '123456789012.aws-lambda-orders.2022-07-25-07.2022.07',
    );
    expect(template.bucketMs).toBe(3_600_000);
    expect(template.usesLogGroup).toBe(true);
    expect(template.usesOwner).toBe(true);
  });

  it('shares the room left by fixed text between name tokens, so names never exceed 255 bytes', () => {
    const template = compileIndexNameTemplate('{owner}-{logGroup}-{yyyy.MM.dd}');
    const name = template.render(JULY_25_0707, `/aws/lambda/${'x'.repeat(400)}`, 'o'.repeat(300));
    // (255 - 12) / 2 = 121 characters for each of the two name tokens.
    expect(name).toMatch(/^o{112}-[0-9a-f]{8}-aws-lambda-x+-[0-9a-f]{8}-2022\.07\.25$/);
    expect(name.length).toBe(121 + 1 + 121 + 1 + 10);
    expect(compileIndexNameTemplate('{logGroup}').render(0, 'x'.repeat(300), '1')).toHaveLength(
      128,
    );
  });

  it('has no time bucket without date tokens', () => {
    const template = compileIndexNameTemplate('logs-{logGroup}');
    expect(template.bucketMs).toBe(0);
    expect(template.render(0, '/ecs/web', '1')).toBe('logs-ecs-web');
  });

  it('never renders a leading "-" or "_" from a token value', () => {
    expect(compileIndexNameTemplate('{logGroup}').render(0, '_-internal', '1')).toBe('internal');
    expect(compileIndexNameTemplate('{logGroup}').render(0, '', '1')).toBe('unknown');
  });

  it('refuses invalid templates at compile time with the rule and the template', () => {
    const cases: [unknown, string][] = [
      ['', 'it must be a non-empty string'],
      [undefined, 'Option indexTemplate undefined is invalid: it must be a non-empty string'],
      ['cwl-{date}', 'unknown token {date}'],
      ['cwl-{yyyy.MM.dd', '"{" at 4 is never closed'],
      ['cwl-}', '"}" at 4 closes no token'],
      ['CWL-{yyyy}', '"C" is not allowed in an index name template'],
      ['cwl/{yyyy}', '"/" is not allowed'],
      ['cwl {yyyy}', '" " is not allowed'],
      ['-cwl-{yyyy}', 'an index name cannot start with "-" or "_"'],
      ['_cwl', 'cannot start with "-" or "_"'],
      ['.', 'an index name cannot be "." or ".."'],
      [
        `${'a'.repeat(250)}-{yyyy.MM.dd}`,
        'its fixed text and date tokens take 261 of the 255 bytes',
      ],
      [
        `${'a'.repeat(240)}-{logGroup}-{yyyy}`,
        'take 246 of the 255 bytes an index name may have, leaving less than 16 for each {logGroup}/{owner}',
      ],
    ];
    for (const [template, message] of cases) {
      expect(() => compileIndexNameTemplate(template as string), String(template)).toThrow(
        expect.objectContaining({
          name: 'BulkError',
          code: 'invalid-template',
          message: expect.stringContaining(message),
        }),
      );
    }
  });

  it('lists the tokens in its error message', () => {
    expect(() => compileIndexNameTemplate('{x}')).toThrow(
      'Tokens: {yyyy} {MM} {dd} {HH} {yyyy.MM} {yyyy.MM.dd} {logGroup} {owner}; text between them may use a-z 0-9 . _ -',
    );
  });
});
