import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocumentMapper } from './create-document-mapper';
import { MAX_ISO_TIMESTAMP } from './create-iso-timestamp-formatter';
import type { DocumentMapperOptions } from './document-mapper';
import { isValidIndexName } from './is-valid-index-name';
import type { LogEventRecord } from './log-event-record';

/** Text made to break line-based formats and byte accounting. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\n',
      '\r',
      '\u2028',
      '\u2029',
      '"',
      '\\',
      '{',
      '}',
      ' ',
      '\ud800',
      '\udc00',
      'é',
      '📦',
      '\u0000',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 60,
});

/** JSON object messages, written compactly, pretty-printed, or with a duplicated key. */
const jsonMessage = fc
  .tuple(
    fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.string({
          unit: fc.constantFrom('a', '.', ' ', '\u00a0', 'é', '"', '\\', ':'),
          maxLength: 4,
        }),
      ),
      fc.jsonValue({ maxDepth: 3 }),
      { minKeys: 1, maxKeys: 6 },
    ),
    fc.constantFrom('compact', 'pretty', 'duplicate', 'padded'),
  )
  .map(([value, style]) => {
    const compact = JSON.stringify(value);
    if (style === 'pretty') return JSON.stringify(value, null, 2);
    if (style === 'padded') return ` ${compact}\n`;
    if (style === 'duplicate')
      return `{"dup":1,${compact.slice(1, -1)}${compact === '{}' ? '' : ','}"dup":2}`;
    return compact;
  });

const eventArbitrary: fc.Arbitrary<LogEventRecord> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 60 }),
    timestamp: fc.integer({ min: 0, max: MAX_ISO_TIMESTAMP }),
    message: fc.oneof(hostileText, jsonMessage),
    owner: hostileText,
    logGroup: hostileText,
    logStream: hostileText,
    subscriptionFilters: fc.array(hostileText, { maxLength: 2 }),
    extractedFields: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
    ingestionTime: fc.integer({ min: 0, max: MAX_ISO_TIMESTAMP }),
  },
  { requiredKeys: ['id', 'timestamp', 'message', 'owner', 'logGroup', 'logStream'] },
);

const optionsArbitrary: fc.Arbitrary<DocumentMapperOptions> = fc.record(
  {
    jsonMode: fc.constantFrom('namespace', 'root', 'off'),
    documentIds: fc.constantFrom('event-id', 'none'),
    action: fc.constantFrom('create', 'index'),
    indexTemplate: fc.constantFrom(
      'cwl-{yyyy.MM.dd}',
      '{logGroup}',
      'x-{owner}-{logGroup}-{yyyy}.{MM}.{dd}-{HH}',
    ),
    maxMessageBytes: fc.integer({ min: 1, max: 300 }),
    region: fc.string({ minLength: 1, maxLength: 12 }),
    pipeline: fc.string({ minLength: 1, maxLength: 12 }),
  },
  { requiredKeys: [] },
);

/** Elasticsearch's field name rules, written independently of the implementation. */
function hasRefusedFieldName(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasRefusedFieldName);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(
    ([key, child]) =>
      key.trim() === '' ||
      key.startsWith('.') ||
      key.endsWith('.') ||
      key.includes('..') ||
      hasRefusedFieldName(child),
  );
}

describe('createDocumentMapper (properties)', () => {
  it('encodes any event as exactly two valid JSON lines whose byte length is exact', () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { minLength: 1, maxLength: 4 }),
        optionsArbitrary,
        (events, options) => {
          const mapper = createDocumentMapper(options);
          for (const event of events) {
            const encoded = mapper.encodeOperation(event);
            expect(encoded.byteLength).toBe(Buffer.byteLength(encoded.text));
            expect(encoded.text).not.toMatch(/[\u2028\u2029]/);
            const parts = encoded.text.split('\n');
            expect(parts).toHaveLength(3);
            expect(parts[2]).toBe('');
            const action = JSON.parse(parts[0]!) as Record<string, Record<string, unknown>>;
            const source = JSON.parse(parts[1]!) as Record<string, unknown>;
            const index = mapper.resolveIndexName(event);
            expect(isValidIndexName(index)).toBe(true);
            expect(action).toEqual({
              [options.action ?? 'create']: {
                _index: index,
                ...(options.documentIds === 'none' ? {} : { _id: event.id }),
                ...(options.pipeline === undefined ? {} : { pipeline: options.pipeline }),
              },
            });
            expect(source).toEqual(mapper.createDocument(event));
            expect(source['@timestamp']).toBe(new Date(event.timestamp).toISOString());
            expect(source.event).toEqual({ id: event.id });
            const marker = source.logferry as
              | { truncated?: boolean; original_bytes?: number }
              | undefined;
            if (marker?.truncated) {
              expect(marker.original_bytes).toBe(Buffer.byteLength(event.message));
              expect(event.message.startsWith(source.message as string)).toBe(true);
              expect(Buffer.byteLength(source.message as string)).toBeLessThanOrEqual(
                options.maxMessageBytes!,
              );
            } else {
              expect(source.message).toBe(event.message);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('puts exactly the parsed fields of a JSON message under the namespace', () => {
    fc.assert(
      fc.property(jsonMessage, (message) => {
        const mapper = createDocumentMapper({ maxJsonDepth: 100, maxJsonFields: 100_000 });
        const event = { id: '1', timestamp: 0, message, owner: 'o', logGroup: 'g', logStream: 's' };
        const source = JSON.parse(mapper.encodeOperation(event).text.split('\n')[1]!) as Record<
          string,
          unknown
        >;
        const parsed = JSON.parse(message) as Record<string, unknown>;
        if (hasRefusedFieldName(parsed)) {
          expect(source.logferry).toEqual({ json_skipped: 'invalid-field-name' });
        } else {
          expect(source.json).toEqual(parsed);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a root-mode JSON field replace a reserved field', () => {
    const reserved = fc.constantFrom(
      '@timestamp',
      'message',
      'cloud',
      'aws',
      'event',
      'logferry',
      'json',
      '_id',
      'aws.x',
      'cloud.provider',
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(reserved, fc.string({ minLength: 1, maxLength: 6 })),
          fc.jsonValue({ maxDepth: 2 }),
          {
            maxKeys: 6,
          },
        ),
        (fields) => {
          const message = JSON.stringify(fields);
          const mapper = createDocumentMapper({ jsonMode: 'root' });
          const event = {
            id: '1',
            timestamp: 0,
            message,
            owner: 'o',
            logGroup: 'g',
            logStream: 's',
          };
          const source = mapper.createDocument(event);
          expect(source['@timestamp']).toBe('1970-01-01T00:00:00.000Z');
          expect(source.message).toBe(message);
          expect(source.cloud).toEqual({ provider: 'aws', account: { id: 'o' } });
          expect(source.aws).toEqual({ cloudwatch: { log_group: 'g', log_stream: 's' } });
          expect(source.event).toEqual({ id: '1' });
          if (source.logferry !== undefined) {
            expect(source.logferry).toEqual({ json_skipped: 'invalid-field-name' });
            return;
          }
          // Every field is somewhere: at the root, or moved under the namespace.
          for (const [key, value] of Object.entries(fields)) {
            const moved = source.json as Record<string, unknown> | undefined;
            const atRoot = Object.hasOwn(source, key) && moved?.[key] === undefined;
            expect(atRoot ? source[key] : moved?.[key]).toEqual(JSON.parse(JSON.stringify(value)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
