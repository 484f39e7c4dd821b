import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { archivePartitionPrefixes } from './archive-partition-prefixes';
import { compileKeyTemplate } from './compile-key-template';
import {
  archiveKeyPlaceholders,
  defaultArchiveKeyTemplate,
  requiredArchiveKeyPlaceholders,
} from './default-archive-key-template';
import { maxPartitionTimestamp, minPartitionTimestamp, readUtcHour } from './read-utc-hour';
import { renderArchiveKey } from './render-archive-key';

const template = compileKeyTemplate(defaultArchiveKeyTemplate, {
  optionName: 'keyTemplate',
  placeholders: archiveKeyPlaceholders,
  required: requiredArchiveKeyPlaceholders,
});
const hourMs = 3_600_000;
const logGroup = fc.oneof(
  fc.stringMatching(/^[.\-_/#A-Za-z0-9]{1,512}$/),
  fc.string({ maxLength: 80 }),
);
const timestamp = fc.integer({ min: minPartitionTimestamp, max: maxPartitionTimestamp });
const name = fc.record({
  logGroup,
  timestamp,
  shardId: fc.oneof(
    fc.constant('shardId-000000000000'),
    fc.string({ minLength: 1, maxLength: 40 }),
  ),
  sequenceNumber: fc.bigInt({ min: 0n, max: 10n ** 56n }).map(String),
  firstEventIndex: fc.nat({ max: 10_000 }),
  lastEventIndex: fc.nat({ max: 10_000 }),
});
type Name = typeof name extends fc.Arbitrary<infer Value> ? Value : never;
const render = (value: Name) =>
  renderArchiveKey(template, 'archive', { ...value, hour: readUtcHour(value.timestamp)! });

describe('renderArchiveKey with the default template (property)', () => {
  it('gives any log group, time and position a valid, deterministic S3 key', () => {
    fc.assert(
      fc.property(name, (value) => {
        const key = render(value);
        expect(render({ ...value })).toBe(key);
        expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1024);
        expect(key.startsWith('archive/log_group=')).toBe(true);
        const segments = key.split('/');
        expect(segments).toHaveLength(5);
        for (const segment of segments) {
          expect(segment).not.toBe('');
          expect(segment).not.toBe('.');
          expect(segment).not.toContain('..');
        }
        expect(key).toMatch(/^[A-Za-z0-9!_.*'()=/%~-]+$/);
        const hour = readUtcHour(value.timestamp)!;
        expect(segments[2]).toBe(`dt=${hour.yyyy}-${hour.MM}-${hour.dd}`);
        expect(segments[3]).toBe(`hour=${hour.HH}`);
        expect(
          segments[4]!.endsWith(`-${value.firstEventIndex}-${value.lastEventIndex}.ndjson.gz`),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('names distinct objects differently', () => {
    fc.assert(
      fc.property(name, name, (left, right) => {
        const sameHour =
          Math.floor(left.timestamp / hourMs) === Math.floor(right.timestamp / hourMs);
        const same =
          left.logGroup === right.logGroup &&
          sameHour &&
          left.shardId === right.shardId &&
          left.sequenceNumber === right.sequenceNumber &&
          left.firstEventIndex === right.firstEventIndex &&
          left.lastEventIndex === right.lastEventIndex;
        fc.pre(!same);
        expect(render(left)).not.toBe(render(right));
      }),
      { numRuns: 300 },
    );
  });

  it('puts a key under one of archivePartitionPrefixes exactly when the filter selects its log group and hour', () => {
    const window = fc
      .tuple(
        fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: 0, max: 800 * 24 }),
      )
      .map(([since, hours]) => ({ since, until: since + hours * hourMs + (since % 1000) }));
    fc.assert(
      fc.property(name, window, fc.boolean(), (value, { since, until }, nearby) => {
        // Half the time, put the event right around the window's edges.
        const timestamp = nearby
          ? [since - hourMs, since, until, until + hourMs][value.firstEventIndex % 4]! +
            ((value.lastEventIndex % 120) - 60) * 60_000
          : 1_500_000_000_000 + (value.timestamp % 400_000_000_000);
        const key = render({ ...value, timestamp: Math.abs(timestamp) });
        const prefixes = archivePartitionPrefixes({ logGroup: value.logGroup, since, until });
        const selected =
          Math.floor(Math.abs(timestamp) / hourMs) >= Math.floor(since / hourMs) &&
          Math.floor(Math.abs(timestamp) / hourMs) <= Math.floor(until / hourMs);
        expect(prefixes.some((prefix) => key.startsWith(prefix))).toBe(selected);
        const otherGroup = archivePartitionPrefixes({
          logGroup: `${value.logGroup}x`,
          since,
          until,
        });
        expect(otherGroup.some((prefix) => key.startsWith(prefix))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
