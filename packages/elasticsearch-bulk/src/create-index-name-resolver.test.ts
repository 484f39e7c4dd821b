import { describe, expect, it } from 'vitest';
import { createIndexNameResolver } from './create-index-name-resolver';
import { compileIndexNameTemplate, type IndexNameTemplate } from './index-name-template';

const DAY = 86_400_000;

/** The real template, with a count of how often it renders. */
function countingTemplate(source: string): IndexNameTemplate & { readonly renders: () => number } {
  const template = compileIndexNameTemplate(source);
  let renders = 0;
  return {
    ...template,
    render(timestamp, logGroup, owner) {
      renders += 1;
      return template.render(timestamp, logGroup, owner);
    },
    renders: () => renders,
  };
}

describe('createIndexNameResolver', () => {
  it('renders once per day for a daily template, whatever the log group', () => {
    const template = countingTemplate('cwl-{yyyy.MM.dd}');
    const resolve = createIndexNameResolver(template);
    expect(resolve(0, 'a', '1')).toBe('cwl-1970.01.01');
    expect(resolve(DAY - 1, 'b', '2')).toBe('cwl-1970.01.01');
    expect(resolve(DAY, 'a', '1')).toBe('cwl-1970.01.02');
    expect(resolve(5, 'c', '3')).toBe('cwl-1970.01.01');
    expect(template.renders()).toBe(2);
  });

  it('caches per log group and owner when the template uses them', () => {
    const template = countingTemplate('{owner}-{logGroup}-{yyyy.MM.dd}');
    const resolve = createIndexNameResolver(template);
    expect(resolve(0, '/a', '1')).toBe('1-a-1970.01.01');
    expect(resolve(1, '/b', '1')).toBe('1-b-1970.01.01');
    expect(resolve(2, '/a', '2')).toBe('2-a-1970.01.01');
    expect(resolve(3, '/a', '1')).toBe('1-a-1970.01.01');
    expect(resolve(4, '/b', '1')).toBe('1-b-1970.01.01');
    expect(template.renders()).toBe(3);
  });

  it('renders once per hour with {HH} and once in all for a template without date', () => {
    const hourly = countingTemplate('cwl-{yyyy.MM.dd}-{HH}');
    const resolveHourly = createIndexNameResolver(hourly);
    expect(resolveHourly(3_599_999, 'g', '1')).toBe('cwl-1970.01.01-00');
    expect(resolveHourly(3_600_000, 'g', '1')).toBe('cwl-1970.01.01-01');
    expect(resolveHourly(10, 'g', '1')).toBe('cwl-1970.01.01-00');
    expect(hourly.renders()).toBe(2);
    const fixed = countingTemplate('logs');
    const resolveFixed = createIndexNameResolver(fixed);
    expect(resolveFixed(0, 'g', '1')).toBe('logs');
    expect(resolveFixed(100 * DAY, 'h', '2')).toBe('logs');
    expect(fixed.renders()).toBe(1);
  });

  it('keeps its memory bounded: old days are dropped and rendered again when they come back', () => {
    const template = countingTemplate('cwl-{yyyy.MM.dd}');
    const resolve = createIndexNameResolver(template);
    for (let day = 0; day < 8; day += 1) resolve(day * DAY, 'g', '1');
    expect(template.renders()).toBe(8);
    resolve(0, 'g', '1');
    expect(template.renders()).toBe(8);
    // A ninth day clears the cache; the first day is rendered again.
    resolve(8 * DAY, 'g', '1');
    resolve(0, 'g', '1');
    expect(template.renders()).toBe(10);
  });
});
