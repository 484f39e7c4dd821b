import type { HttpBodyFormat } from './http-sink-options';
import { measureBody } from './measure-body';

/**
 * One serialized event: its JSON text and that text's UTF-8 size.
 *
 * @example
 * ```ts
 * const event: EncodedEvent = { json: '{"message":"é"}', bytes: 16 };
 * ```
 */
export interface EncodedEvent {
  readonly json: string;
  readonly bytes: number;
}

const newline = 0x0a;
const openBracket = 0x5b;
const comma = 0x2c;
const closeBracket = 0x5d;

/**
 * Writes events into one request body, allocating the body once at its exact size (no joined
 * intermediate string): NDJSON is `event\n` per event; a JSON array is `[event,event]`.
 *
 * @example
 * ```ts
 * encodeRequestBody('ndjson', [{ json: '{"a":1}', bytes: 7 }, { json: '{"b":2}', bytes: 7 }]).toString();
 * // '{"a":1}\n{"b":2}\n'
 * ```
 */
export function encodeRequestBody(format: HttpBodyFormat, events: readonly EncodedEvent[]): Buffer {
  let eventBytes = 0;
  for (const event of events) eventBytes += event.bytes;
  const body = Buffer.allocUnsafe(measureBody(format, events.length, eventBytes));
  let offset = 0;
  if (format === 'json-array') body[offset++] = openBracket;
  for (const [index, event] of events.entries()) {
    if (format === 'json-array' && index > 0) body[offset++] = comma;
    offset += body.write(event.json, offset, 'utf8');
    if (format === 'ndjson') body[offset++] = newline;
  }
  if (format === 'json-array') body[offset++] = closeBracket;
  return body;
}
