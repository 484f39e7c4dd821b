import { describeReceived } from './describe-received';
import { ELASTICSEARCH_LIMITS } from './elasticsearch-limits';
import { BulkError } from './errors';
import { sanitizeIndexName } from './sanitize-index-name';
import { MAX_NAME_PART_LENGTH, MIN_NAME_PART_LENGTH, sanitizeNamePart } from './sanitize-name-part';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

type DateToken = 'yyyy' | 'MM' | 'dd' | 'HH' | 'yyyy.MM' | 'yyyy.MM.dd';
type NameToken = 'logGroup' | 'owner';
type TemplateToken = DateToken | NameToken;

/** Rendered length of each date token; name tokens share what is left of the 255 bytes. */
const TOKEN_LENGTHS: Readonly<Record<TemplateToken, number>> = {
  yyyy: 4,
  MM: 2,
  dd: 2,
  HH: 2,
  'yyyy.MM': 7,
  'yyyy.MM.dd': 10,
  logGroup: 0,
  owner: 0,
};
const TOKENS = Object.keys(TOKEN_LENGTHS) as TemplateToken[];
const STATIC_TEXT = /^[a-z0-9._-]*$/;

type TemplatePart = { readonly text: string } | { readonly token: TemplateToken };

/**
 * A compiled index name template: renders the name of the index an event goes to.
 *
 * @example
 * ```ts
 * const template: IndexNameTemplate = compileIndexNameTemplate('cwl-{yyyy.MM.dd}');
 * template.render(1658732828000, '/aws/lambda/orders', '123456789012'); // 'cwl-2022.07.25'
 * ```
 */
export interface IndexNameTemplate {
  /** The template as written. */
  readonly source: string;
  /**
   * How long one rendered name stays valid, for caching: 1 hour with `{HH}`, 1 day with other
   * date tokens, 0 when the template has no date token.
   */
  readonly bucketMs: number;
  readonly usesLogGroup: boolean;
  readonly usesOwner: boolean;
  /** Renders the name for an event time (ms since the epoch, UTC) and its log group and owner. */
  render(timestamp: number, logGroup: string, owner: string): string;
}

function fail(template: string, rule: string): never {
  throw new BulkError(
    `Option indexTemplate ${describeReceived(template)} is invalid: ${rule}. Tokens: ${TOKENS.map((token) => `{${token}}`).join(' ')}; text between them may use a-z 0-9 . _ -`,
    { code: 'invalid-template' },
  );
}

function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf('{', position);
    const text = template.slice(position, open === -1 ? template.length : open);
    if (text.includes('}'))
      fail(template, `"}" at ${position + text.indexOf('}')} closes no token`);
    if (!STATIC_TEXT.test(text)) {
      const bad = text.replace(/[a-z0-9._-]/g, '').charAt(0);
      fail(template, `${JSON.stringify(bad)} is not allowed in an index name template`);
    }
    if (text !== '') parts.push({ text });
    if (open === -1) break;
    const close = template.indexOf('}', open);
    if (close === -1) fail(template, `"{" at ${open} is never closed`);
    const token = template.slice(open + 1, close);
    if (!(TOKENS as string[]).includes(token)) {
      fail(template, `unknown token {${token}}`);
    }
    parts.push({ token: token as TemplateToken });
    position = close + 1;
  }
  return parts;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * Compiles an index name template once, validating it: the template must be non-empty, use only
 * the tokens `{yyyy}` `{MM}` `{dd}` `{HH}` `{yyyy.MM}` `{yyyy.MM.dd}` (UTC, from the event time)
 * `{logGroup}` `{owner}`, write its fixed text in `a-z 0-9 . _ -`, not start with `-` or `_`,
 * not be `.` or `..`, and leave each `{logGroup}`/`{owner}` at least 16 of the 255 bytes. Rendered
 * names are always valid index names of at most 255 bytes: token values are sanitized with
 * `sanitizeNamePart`, each capped at an equal share of the room the template leaves (at most 128).
 *
 * @throws {BulkError} `invalid-template` naming the rule broken and the template received.
 *
 * @example
 * ```ts
 * compileIndexNameTemplate('logs-{logGroup}-{yyyy.MM}').render(0, '/ecs/Web', '1'); // 'logs-ecs-web-1970.01'
 * ```
 */
export function compileIndexNameTemplate(template: string): IndexNameTemplate {
  if (typeof template !== 'string' || template.length === 0)
    fail(template, 'it must be a non-empty string');
  const parts = parseTemplate(template);
  const first = parts[0];
  if (first !== undefined && 'text' in first && /^[-_]/.test(first.text)) {
    fail(template, 'an index name cannot start with "-" or "_"');
  }
  if (template === '.' || template === '..') fail(template, 'an index name cannot be "." or ".."');
  let fixedLength = 0;
  let nameTokens = 0;
  for (const part of parts) {
    if ('text' in part) fixedLength += part.text.length;
    else if (part.token === 'logGroup' || part.token === 'owner') nameTokens += 1;
    else fixedLength += TOKEN_LENGTHS[part.token];
  }
  const room = ELASTICSEARCH_LIMITS.maxIndexNameBytes - fixedLength;
  // Name tokens share the room left, so a rendered name never needs cutting (which could cut the
  // date off and mix days in one index).
  const maxPartLength =
    nameTokens === 0 ? 0 : Math.min(MAX_NAME_PART_LENGTH, Math.floor(room / nameTokens));
  if (room < 0 || (nameTokens > 0 && maxPartLength < MIN_NAME_PART_LENGTH)) {
    fail(
      template,
      `its fixed text and date tokens take ${fixedLength} of the ${ELASTICSEARCH_LIMITS.maxIndexNameBytes} bytes an index name may have${nameTokens === 0 ? '' : `, leaving less than ${MIN_NAME_PART_LENGTH} for each {logGroup}/{owner}`}`,
    );
  }
  const tokens = new Set(parts.flatMap((part) => ('token' in part ? [part.token] : [])));
  const usesHour = tokens.has('HH');
  const usesDate =
    usesHour ||
    ['yyyy', 'MM', 'dd', 'yyyy.MM', 'yyyy.MM.dd'].some((token) =>
      tokens.has(token as TemplateToken),
    );
  return {
    source: template,
    bucketMs: usesHour ? HOUR_MS : usesDate ? DAY_MS : 0,
    usesLogGroup: tokens.has('logGroup'),
    usesOwner: tokens.has('owner'),
    render(timestamp, logGroup, owner) {
      const date = new Date(timestamp);
      const yyyy = String(date.getUTCFullYear()).padStart(4, '0');
      const month = pad(date.getUTCMonth() + 1);
      const day = pad(date.getUTCDate());
      let name = '';
      for (const part of parts) {
        if ('text' in part) {
          name += part.text;
          continue;
        }
        switch (part.token) {
          case 'yyyy':
            name += yyyy;
            break;
          case 'MM':
            name += month;
            break;
          case 'dd':
            name += day;
            break;
          case 'HH':
            name += pad(date.getUTCHours());
            break;
          case 'yyyy.MM':
            name += `${yyyy}.${month}`;
            break;
          case 'yyyy.MM.dd':
            name += `${yyyy}.${month}.${day}`;
            break;
          case 'logGroup':
            name += sanitizeNamePart(logGroup, maxPartLength);
            break;
          case 'owner':
            name += sanitizeNamePart(owner, maxPartLength);
            break;
        }
      }
      // By construction the name is valid already; this is a guard that costs nothing when so.
      return sanitizeIndexName(name);
    },
  };
}
