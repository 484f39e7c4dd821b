import { describe, expect, it } from 'vitest';
import { isValidIndexName } from './is-valid-index-name';

describe('isValidIndexName', () => {
  it('accepts names Elasticsearch accepts', () => {
    for (const name of [
      'cwl-2022.07.25',
      'logs',
      '.hidden',
      'a+b',
      'résumé',
      'x'.repeat(255),
      '...',
    ]) {
      expect(isValidIndexName(name), name).toBe(true);
    }
  });

  it('refuses every rule Elasticsearch enforces', () => {
    const invalid: [string, string][] = [
      ['', 'empty'],
      ['.', 'dot'],
      ['..', 'two dots'],
      ['-logs', 'leading -'],
      ['_logs', 'leading _'],
      ['+logs', 'leading +'],
      ['Logs', 'uppercase'],
      ['ÉTÉ', 'non-ASCII uppercase'],
      ['x'.repeat(256), 'over 255 bytes'],
      ['é'.repeat(128), '256 bytes in UTF-8'],
      ...[...'\\/*?"<>|,#: '].map((character): [string, string] => [
        `a${character}b`,
        `contains ${character}`,
      ]),
    ];
    for (const [name, rule] of invalid) expect(isValidIndexName(name), rule).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isValidIndexName(42 as unknown as string)).toBe(false);
  });
});
