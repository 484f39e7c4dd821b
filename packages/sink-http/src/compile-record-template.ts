import type { SinkRecord } from '@logferry/sink';
import { createOptionError } from './errors';

/**
 * A text option compiled once: `render` fills in a record's values. `text` is the text itself
 * when it has no placeholder (every record renders the same), `undefined` otherwise.
 *
 * @example
 * ```ts
 * const template: RecordTemplate = compileRecordTemplate('category', 'aws/{logGroup}');
 * template.render(record); // 'aws//aws/lambda/checkout'
 * template.text; // undefined
 * ```
 */
export interface RecordTemplate {
  readonly text: string | undefined;
  render(record: SinkRecord): string;
}

const placeholders = {
  logGroup: (record: SinkRecord) => record.logGroup,
  logStream: (record: SinkRecord) => record.logStream,
  owner: (record: SinkRecord) => record.owner,
} as const;

type Placeholder = keyof typeof placeholders;

const placeholderPattern = /\{([^{}]*)\}/g;

/**
 * Compiles a text option that may contain `{logGroup}`, `{logStream}` and `{owner}`. Unknown
 * placeholders and unmatched braces fail at construction, naming the option, instead of being
 * sent literally.
 *
 * @throws {SinkError} `invalid-options` for a non-string, an unknown placeholder or a stray brace.
 * @example
 * ```ts
 * compileRecordTemplate('sourceName', '{logGroup}/{logStream}').render(record); // '/aws/lambda/checkout/2023/11/14/[$LATEST]6f1c'
 * ```
 */
export function compileRecordTemplate(option: string, template: unknown): RecordTemplate {
  if (typeof template !== 'string') {
    throw createOptionError(
      option,
      'a string (placeholders: {logGroup}, {logStream}, {owner})',
      template,
    );
  }
  const parts: (string | Placeholder)[] = [];
  const isPlaceholder: boolean[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1] ?? '';
    if (!Object.hasOwn(placeholders, name)) {
      throw createOptionError(
        option,
        'a text whose placeholders are {logGroup}, {logStream} or {owner}',
        template,
      );
    }
    parts.push(template.slice(last, match.index));
    isPlaceholder.push(false);
    parts.push(name as Placeholder);
    isPlaceholder.push(true);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  isPlaceholder.push(false);
  if (parts.some((part, index) => !isPlaceholder[index] && /[{}]/.test(part))) {
    throw createOptionError(
      option,
      'a text whose braces only enclose {logGroup}, {logStream} or {owner}',
      template,
    );
  }
  if (!isPlaceholder.includes(true)) return { text: template, render: () => template };
  return {
    text: undefined,
    render: (record) => {
      let text = '';
      for (const [index, part] of parts.entries()) {
        text += isPlaceholder[index] ? placeholders[part as Placeholder](record) : part;
      }
      return text;
    },
  };
}
