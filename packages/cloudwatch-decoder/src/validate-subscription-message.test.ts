import { describe, expect, it } from 'vitest';
import { DecodeError } from './errors';
import { validateSubscriptionMessage } from './validate-subscription-message';

const valid = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'foo',
  logStream: 'stream-1',
  subscriptionFilters: ['logferry'],
  logEvents: [
    { id: '1', timestamp: 1700000000000, message: 'ilikecats' },
    { id: '2', timestamp: 1700000000001, message: 'GET / 200', extractedFields: { status: '200' } },
  ],
};

const withEvent = (event: unknown) => ({ ...valid, logEvents: [valid.logEvents[0], event] });

describe('validateSubscriptionMessage', () => {
  it('returns the very same object when every needed field is valid', () => {
    const value = structuredClone(valid);
    expect(validateSubscriptionMessage(value)).toBe(value);
  });

  it('accepts a control message with empty strings and no filters', () => {
    const control = {
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [
        {
          id: '',
          timestamp: 1,
          message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
        },
      ],
    };
    expect(validateSubscriptionMessage(control)).toBe(control);
  });

  it('accepts empty logEvents, empty messages and unknown fields at every level', () => {
    const value = {
      ...valid,
      policyLevel: 'ACCOUNT_LEVEL_POLICY',
      somethingNew: [1, 2],
      logEvents: [{ id: '1', timestamp: 0, message: '', extra: null }],
    };
    expect(validateSubscriptionMessage(value)).toBe(value);
    expect(validateSubscriptionMessage({ ...valid, logEvents: [] })).toBeDefined();
  });

  it.each([
    [[], 'the payload must be a JSON object; received an array of 0 items'],
    [null, 'the payload must be a JSON object; received null'],
    ['DATA_MESSAGE', 'the payload must be a JSON object; received string "DATA_MESSAGE"'],
    [
      { ...valid, messageType: undefined },
      'messageType must be "DATA_MESSAGE" or "CONTROL_MESSAGE"; received nothing (the field is missing)',
    ],
    [
      { ...valid, messageType: 'data_message' },
      'messageType must be "DATA_MESSAGE" or "CONTROL_MESSAGE"; received string "data_message"',
    ],
    [{ ...valid, owner: 123456789012 }, 'owner must be a string; received number 123456789012'],
    [
      { ...valid, logGroup: undefined },
      'logGroup must be a string; received nothing (the field is missing)',
    ],
    [{ ...valid, logStream: null }, 'logStream must be a string; received null'],
    [
      { ...valid, subscriptionFilters: 'logferry' },
      'subscriptionFilters must be an array of strings; received string "logferry"',
    ],
    [
      { ...valid, subscriptionFilters: ['a', 2] },
      'subscriptionFilters[1] must be a string; received number 2',
    ],
    [
      { ...valid, logEvents: { 0: {} } },
      'logEvents must be an array of log events; received an object with keys "0"',
    ],
    [withEvent('line'), 'logEvents[1] must be an object; received string "line"'],
    [
      withEvent({ timestamp: 1, message: 'x' }),
      'logEvents[1].id must be a string; received nothing (the field is missing)',
    ],
    [
      withEvent({ id: 5, timestamp: 1, message: 'x' }),
      'logEvents[1].id must be a string; received number 5',
    ],
    [
      withEvent({ id: '5', timestamp: '2023-11-14T22:13:19Z', message: 'x' }),
      'logEvents[1].timestamp must be a number (milliseconds since the epoch); received string "2023-11-14T22:13:19Z"',
    ],
    [
      withEvent({ id: '5', message: 'x' }),
      'logEvents[1].timestamp must be a number (milliseconds since the epoch); received nothing (the field is missing)',
    ],
    [
      withEvent({ id: '5', timestamp: 1 }),
      'logEvents[1].message must be a string; received nothing (the field is missing)',
    ],
    [
      withEvent({ id: '5', timestamp: 1, message: { text: 'x' } }),
      'logEvents[1].message must be a string; received an object with keys "text"',
    ],
    [
      withEvent({ id: '5', timestamp: 1, message: 'x', extractedFields: ['a'] }),
      'logEvents[1].extractedFields must be an object of strings when present; received an array of 1 item',
    ],
    [
      withEvent({ id: '5', timestamp: 1, message: 'x', extractedFields: { status_code: 200 } }),
      'logEvents[1].extractedFields["status_code"] must be a string; received number 200',
    ],
    [{ ...valid, policyLevel: 1 }, 'policyLevel must be a string when present; received number 1'],
  ])('rejects %j', (value, problem) => {
    let caught: unknown;
    try {
      validateSubscriptionMessage(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect((caught as DecodeError).code).toBe('invalid-shape');
    expect((caught as DecodeError).message).toBe(`Invalid subscription message: ${problem}`);
  });

  it('truncates long received values to 64 characters', () => {
    const long = 'x'.repeat(500);
    expect(() => validateSubscriptionMessage({ ...valid, owner: [long] })).toThrow(
      'owner must be a string; received an array of 1 item',
    );
    expect(() => validateSubscriptionMessage({ ...valid, messageType: long })).toThrow(
      `received string "${'x'.repeat(64)}"… (500 characters)`,
    );
  });
});
