import { describeReceived } from './describe-received';
import { S3ArchiveError } from './errors';

/**
 * One piece of a compiled key template: literal text, or a placeholder to fill in.
 *
 * @example
 * ```ts
 * const part: KeyTemplatePart = { kind: 'placeholder', name: 'logGroup' };
 * ```
 */
export type KeyTemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: string };

/**
 * A validated key template.
 *
 * @example
 * ```ts
 * const key = template.render({ prefix: 'archive', logGroup: '%2Ffoo', … });
 * ```
 */
export interface KeyTemplate {
  /** The template as given. */
  readonly source: string;
  readonly parts: readonly KeyTemplatePart[];
  /**
   * Fills in every placeholder. Values must already be key-safe (see `encodeKeySegment`); an
   * empty `prefix` drops the leading `{prefix}/`.
   */
  render(values: Readonly<Record<string, string>>): string;
  /**
   * Renders up to the first placeholder that has no value: the longest literal key prefix shared
   * by every key with these values.
   */
  renderPrefix(values: Readonly<Record<string, string | undefined>>): string;
}

/**
 * What a template may and must contain.
 *
 * @example
 * ```ts
 * const rules: KeyTemplateRules = { optionName: 'keyTemplate', placeholders: ['prefix', 'shardId'], required: ['shardId'] };
 * ```
 */
export interface KeyTemplateRules {
  /** Option name used in error messages. */
  readonly optionName: string;
  readonly placeholders: readonly string[];
  readonly required: readonly string[];
}

const literalPattern = /^[A-Za-z0-9!_.*'()=/-]*$/;
const maxTemplateLength = 512;

/**
 * Parses and validates a key template such as
 * `{prefix}/log_group={logGroup}/dt={yyyy}-{MM}-{dd}/hour={HH}/{shardId}-{sequenceNumber}.ndjson.gz`.
 * Rules, so every rendered key is a valid, unambiguous S3 key: only known placeholders; the
 * required ones present; literal text from S3's safe characters plus `=` and `/`; no empty, `.`
 * or `..` segment and no `..` anywhere; a literal between any two placeholders; `{prefix}` only at
 * the very start, followed by `/`.
 *
 * @throws {S3ArchiveError} `invalid-options`, saying which rule failed.
 * @example
 * ```ts
 * const template = compileKeyTemplate('{prefix}/{shardId}.gz', { optionName: 'keyTemplate', placeholders: ['prefix', 'shardId'], required: ['shardId'] });
 * template.render({ prefix: 'archive', shardId: 'shardId-000000000000' }); // → 'archive/shardId-000000000000.gz'
 * ```
 */
export function compileKeyTemplate(template: unknown, rules: KeyTemplateRules): KeyTemplate {
  const fail = (rule: string): never => {
    throw new S3ArchiveError(
      `The "${rules.optionName}" option ${rule}; received ${describeReceived(template)}.`,
      { code: 'invalid-options' },
    );
  };
  if (typeof template !== 'string' || template.length === 0) {
    return fail('must be a non-empty string');
  }
  if (template.length > maxTemplateLength) {
    return fail(`must be at most ${maxTemplateLength} characters`);
  }

  const parts: KeyTemplatePart[] = [];
  const placeholderPattern = /\{([^{}]*)\}/g;
  let position = 0;
  for (const match of template.matchAll(placeholderPattern)) {
    if (match.index > position) {
      parts.push({ kind: 'literal', text: template.slice(position, match.index) });
    }
    const name = match[1] ?? '';
    if (!rules.placeholders.includes(name)) {
      fail(
        `has an unknown placeholder {${name}} (known: ${rules.placeholders.map((known) => `{${known}}`).join(', ')})`,
      );
    }
    if (parts.at(-1)?.kind === 'placeholder') {
      fail(
        `needs literal text between placeholders, so a key can be read back unambiguously (at {${name}})`,
      );
    }
    parts.push({ kind: 'placeholder', name });
    position = match.index + match[0].length;
  }
  if (position < template.length) parts.push({ kind: 'literal', text: template.slice(position) });

  for (const part of parts) {
    if (part.kind === 'literal' && !literalPattern.test(part.text)) {
      fail(
        `may only contain placeholders and the characters A-Z a-z 0-9 ! - _ . * ' ( ) = / (found ${describeReceived(part.text)})`,
      );
    }
  }
  const names = parts.flatMap((part) => (part.kind === 'placeholder' ? [part.name] : []));
  const missing = rules.required.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    fail(
      `must contain ${missing.map((name) => `{${name}}`).join(', ')} (each object key must be unique and deterministic)`,
    );
  }
  const prefixIndex = parts.findIndex(
    (part) => part.kind === 'placeholder' && part.name === 'prefix',
  );
  if (prefixIndex !== -1) {
    const next = parts[1];
    if (
      prefixIndex !== 0 ||
      names.filter((name) => name === 'prefix').length > 1 ||
      (next !== undefined && !(next.kind === 'literal' && next.text.startsWith('/')))
    ) {
      fail('may only use {prefix} once, at the very start, followed by "/"');
    }
  }
  // Placeholder values are never empty and never contain "/", so this shape check covers every
  // rendered key.
  const shape = parts.map((part) => (part.kind === 'literal' ? part.text : 'x')).join('');
  if (
    shape.includes('..') ||
    shape.split('/').some((segment) => segment === '' || segment === '.')
  ) {
    fail('must not start or end with "/", contain "//" or "..", or have a "." segment');
  }

  const render = (values: Readonly<Record<string, string>>): string =>
    renderParts(parts, values, false);
  const renderPrefix = (values: Readonly<Record<string, string | undefined>>): string =>
    renderParts(parts, values, true);
  return { source: template, parts, render, renderPrefix };
}

function renderParts(
  parts: readonly KeyTemplatePart[],
  values: Readonly<Record<string, string | undefined>>,
  stopAtMissing: boolean,
): string {
  let key = '';
  let skipSlash = false;
  for (const part of parts) {
    if (part.kind === 'literal') {
      key += skipSlash ? part.text.slice(1) : part.text;
      skipSlash = false;
      continue;
    }
    const value = values[part.name];
    if (value === undefined) {
      if (stopAtMissing) return key;
      throw new S3ArchiveError(`No value for the key template placeholder {${part.name}}.`, {
        code: 'invalid-options',
      });
    }
    // An empty prefix drops "{prefix}/" entirely instead of leaving a leading "/".
    if (part.name === 'prefix' && value === '') skipSlash = true;
    else key += value;
  }
  return key;
}
