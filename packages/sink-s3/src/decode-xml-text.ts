const namedEntities: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Decodes the five predefined XML entities and numeric character references in element text, as
 * S3 writes them in keys and error messages (`&quot;etag&quot;`, `&#x2F;`). Unknown entities are
 * kept as written.
 *
 * @example
 * ```ts
 * decodeXmlText('a &amp; b &#x263A;'); // → 'a & b ☺'
 * ```
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (entity, name: string) => {
    if (name.startsWith('#')) {
      const codePoint =
        name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return namedEntities[name] ?? entity;
  });
}
