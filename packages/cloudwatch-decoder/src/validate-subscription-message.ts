import { describeValue } from './describe-received';
import { DecodeError } from './errors';
import type { SubscriptionMessage } from './subscription-message';

type JsonObject = Record<string, unknown>;

/**
 * Checks that parsed JSON has every field a consumer needs, with the right type, and returns it
 * unchanged (no copy). Unknown fields are tolerated because AWS adds them over time
 * (`policyLevel` arrived that way); a missing or mistyped needed field throws a `DecodeError`
 * with code `invalid-shape` naming the field and what was received.
 *
 * @example
 * ```ts
 * const message = validateSubscriptionMessage(JSON.parse(json));
 * ```
 */
export function validateSubscriptionMessage(value: unknown): SubscriptionMessage {
  if (!isJsonObject(value)) fail('the payload', 'a JSON object', value);
  const messageType = value.messageType;
  if (messageType !== 'DATA_MESSAGE' && messageType !== 'CONTROL_MESSAGE') {
    fail('messageType', '"DATA_MESSAGE" or "CONTROL_MESSAGE"', messageType);
  }
  requireString(value, 'owner', 'owner');
  requireString(value, 'logGroup', 'logGroup');
  requireString(value, 'logStream', 'logStream');
  const filters = value.subscriptionFilters;
  if (!Array.isArray(filters)) fail('subscriptionFilters', 'an array of strings', filters);
  for (let index = 0; index < filters.length; index++) {
    if (typeof filters[index] !== 'string') {
      fail(`subscriptionFilters[${index}]`, 'a string', filters[index]);
    }
  }
  const events = value.logEvents;
  if (!Array.isArray(events)) fail('logEvents', 'an array of log events', events);
  for (let index = 0; index < events.length; index++) validateLogEvent(events[index], index);
  if (value.policyLevel !== undefined && typeof value.policyLevel !== 'string') {
    fail('policyLevel', 'a string when present', value.policyLevel);
  }
  return value as unknown as SubscriptionMessage;
}

function validateLogEvent(event: unknown, index: number): void {
  if (!isJsonObject(event)) fail(`logEvents[${index}]`, 'an object', event);
  requireString(event, 'id', `logEvents[${index}].id`);
  const timestamp = event.timestamp;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    fail(`logEvents[${index}].timestamp`, 'a number (milliseconds since the epoch)', timestamp);
  }
  requireString(event, 'message', `logEvents[${index}].message`);
  const fields = event.extractedFields;
  if (fields === undefined) return;
  if (!isJsonObject(fields)) {
    fail(`logEvents[${index}].extractedFields`, 'an object of strings when present', fields);
  }
  for (const name in fields) {
    if (typeof fields[name] !== 'string') {
      fail(
        `logEvents[${index}].extractedFields[${JSON.stringify(name)}]`,
        'a string',
        fields[name],
      );
    }
  }
}

function requireString(object: JsonObject, key: string, path: string): void {
  if (typeof object[key] !== 'string') fail(path, 'a string', object[key]);
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, expected: string, received: unknown): never {
  throw new DecodeError(
    `Invalid subscription message: ${path} must be ${expected}; received ${describeValue(received)}`,
    { code: 'invalid-shape' },
  );
}
