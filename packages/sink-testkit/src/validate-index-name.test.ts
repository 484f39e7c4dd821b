import { describe, expect, it } from 'vitest';
import { validateIndexName } from './validate-index-name';

describe('validateIndexName', () => {
  it.each(['cwl-2024.06.01', 'logs', '.kibana', 'a'.repeat(255), 'données'])(
    'accepts %j',
    (name) => {
      expect(validateIndexName(name)).toBeUndefined();
    },
  );

  it.each([
    ['Logs', 'Invalid index name [Logs], must be lowercase'],
    [
      'logs*',
      'Invalid index name [logs*], must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]',
    ],
    [
      'a b',
      'Invalid index name [a b], must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]',
    ],
    ['a#b', "Invalid index name [a#b], must not contain '#'"],
    ['a:b', "Invalid index name [a:b], must not contain ':'"],
    ['_logs', "Invalid index name [_logs], must not start with '_', '-', or '+'"],
    ['-logs', "Invalid index name [-logs], must not start with '_', '-', or '+'"],
    ['..', "Invalid index name [..], must not be '.' or '..'"],
    ['', 'Invalid index name [], must not be empty'],
    [
      'é'.repeat(128),
      `Invalid index name [${'é'.repeat(128)}], index name is too long, (256 > 255)`,
    ],
  ])('refuses %j with %j', (name, reason) => {
    expect(validateIndexName(name)).toBe(reason);
  });
});
