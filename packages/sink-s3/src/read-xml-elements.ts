import { decodeXmlText } from './decode-xml-text';

/**
 * Returns the decoded text of every `<name>…</name>` element in an XML fragment, in document
 * order. S3's responses are flat and never nest an element inside one of the same name, so a
 * pattern is enough (and keeps the Lambda bundle free of an XML parser).
 *
 * @example
 * ```ts
 * readXmlElements('<Contents><Key>a</Key></Contents><Contents><Key>b</Key></Contents>', 'Key'); // → ['a', 'b']
 * ```
 */
export function readXmlElements(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g');
  return Array.from(xml.matchAll(pattern), (match) => decodeXmlText(match[1] ?? ''));
}

/**
 * Returns the raw inner XML of every `<name>…</name>` element (entities not decoded), for blocks
 * such as `<Contents>` whose children are read with {@link readXmlElements}.
 *
 * @example
 * ```ts
 * readXmlBlocks('<Contents><Key>a</Key></Contents>', 'Contents'); // → ['<Key>a</Key>']
 * ```
 */
export function readXmlBlocks(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g');
  return Array.from(xml.matchAll(pattern), (match) => match[1] ?? '');
}
