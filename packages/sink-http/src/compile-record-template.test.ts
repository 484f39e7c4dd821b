import { describe, expect, it } from 'vitest';
import { compileRecordTemplate } from './compile-record-template';
import { loadFixtureRecords } from './test-support';

const [record] = loadFixtureRecords('lambda-and-ecs-messages.decoded.json');

describe('compileRecordTemplate', () => {
  it('fills in logGroup, logStream and owner, as often as they appear', () => {
    const template = compileRecordTemplate('sourceName', '{owner}:{logGroup}|{logStream}|{owner}');
    expect(template.text).toBeUndefined();
    expect(template.render(record!)).toBe(
      '123456789012:/aws/lambda/checkout|2023/11/14/[$LATEST]6f1c8a2b9d0e4f7a8b3c2d1e0f9a8b7c|123456789012',
    );
  });

  it('keeps a text without placeholders as its constant text', () => {
    const template = compileRecordTemplate('category', 'aws/cloudwatch');
    expect(template.text).toBe('aws/cloudwatch');
    expect(template.render(record!)).toBe('aws/cloudwatch');
    expect(compileRecordTemplate('category', '').text).toBe('');
  });

  it.each([
    ['{region}', 'a text whose placeholders are {logGroup}, {logStream} or {owner}'],
    ['{}', 'a text whose placeholders are {logGroup}, {logStream} or {owner}'],
    ['{logGroup', 'a text whose braces only enclose {logGroup}, {logStream} or {owner}'],
    ['logGroup}', 'a text whose braces only enclose {logGroup}, {logStream} or {owner}'],
    ['{{logGroup}}', 'a text whose braces only enclose {logGroup}, {logStream} or {owner}'],
  ])('refuses %s, naming the option', (text, rule) => {
    expect(() => compileRecordTemplate('category', text)).toThrow(
      `createHttpSink: option category must be ${rule}; received ${JSON.stringify(text)}`,
    );
  });

  it('refuses a value that is not a string', () => {
    expect(() => compileRecordTemplate('hostname', 7)).toThrow(
      'createHttpSink: option hostname must be a string (placeholders: {logGroup}, {logStream}, {owner}); received number 7',
    );
  });
});
