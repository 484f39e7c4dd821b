import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ISO_TIMESTAMP } from './create-iso-timestamp-formatter';
import { compileIndexNameTemplate } from './index-name-template';
import { isValidIndexName } from './is-valid-index-name';

const token = fc.constantFrom(
  '{yyyy}',
  '{MM}',
  '{dd}',
  '{HH}',
  '{yyyy.MM}',
  '{yyyy.MM.dd}',
  '{logGroup}',
  '{owner}',
);
const staticText = fc.string({
  unit: fc.constantFrom('a', 'z', '0', '9', '.', '_', '-'),
  minLength: 1,
  maxLength: 6,
});

/** Templates the compiler accepts: tokens and allowed text, not starting with "-" or "_". */
const template = fc
  .array(fc.oneof(token, staticText), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''))
  .filter((text) => !/^[-_]/.test(text) && text !== '.' && text !== '..');

const anyName = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.string({ unit: fc.constantFrom('/', '#', '.', '-', '_', 'A', 'é', ' '), maxLength: 30 }),
);

describe('compileIndexNameTemplate (properties)', () => {
  it('renders a valid index name for any template, log group, owner and time', () => {
    fc.assert(
      fc.property(
        template,
        anyName,
        anyName,
        fc.integer({ min: 0, max: MAX_ISO_TIMESTAMP }),
        (source, logGroup, owner, timestamp) => {
          const name = compileIndexNameTemplate(source).render(timestamp, logGroup, owner);
          expect(isValidIndexName(name)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('renders the same name for every time in one bucket', () => {
    fc.assert(
      fc.property(
        template,
        fc.integer({ min: 0, max: MAX_ISO_TIMESTAMP - 86_400_000 }),
        (source, timestamp) => {
          const compiled = compileIndexNameTemplate(source);
          if (compiled.bucketMs === 0) return;
          const bucketStart = Math.floor(timestamp / compiled.bucketMs) * compiled.bucketMs;
          expect(compiled.render(timestamp, 'g', 'o')).toBe(compiled.render(bucketStart, 'g', 'o'));
          expect(compiled.render(timestamp, 'g', 'o')).toBe(
            compiled.render(bucketStart + compiled.bucketMs - 1, 'g', 'o'),
          );
        },
      ),
    );
  });
});
