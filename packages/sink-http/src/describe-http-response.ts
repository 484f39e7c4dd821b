import { STATUS_CODES } from 'node:http';
import { maskSecrets } from './mask-secrets';

const maximumExcerptLength = 300;

/**
 * Renders an intake's answer for an outcome reason or error message: status, status text, the
 * start of the body (HTML tags stripped, whitespace collapsed, cut at 300 characters, known
 * secrets masked) and `Retry-After` when the intake sent one. The sink does not wait for
 * `Retry-After` — the delivery loop owns retry timing — but surfaces it here.
 *
 * @example
 * ```ts
 * describeHttpResponse({ status: 429, headers: { 'retry-after': '30' }, bodyText: '{"errors":["Too many requests"]}' }, []);
 * // '429 Too Many Requests: {"errors":["Too many requests"]}; Retry-After: 30'
 * ```
 */
export function describeHttpResponse(
  response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    readonly bodyText: string;
  },
  secrets: readonly string[],
): string {
  const statusText = STATUS_CODES[response.status];
  const statusLine = `${response.status}${statusText === undefined ? '' : ` ${statusText}`}`;
  let text = statusLine;
  // Masked before cutting, so a secret at the cut cannot survive in part.
  const excerpt = excerptBody(maskSecrets(response.bodyText, secrets));
  // Error pages often only repeat the status line; saying it twice adds nothing.
  if (excerpt !== '' && excerpt !== statusLine && excerpt !== statusText) text += `: ${excerpt}`;
  const retryAfter = response.headers['retry-after'];
  if (typeof retryAfter === 'string' && retryAfter !== '') {
    text += `; Retry-After: ${retryAfter.slice(0, 40)}`;
  }
  return text;
}

function excerptBody(bodyText: string): string {
  let text = bodyText;
  if (/^\s*</.test(bodyText)) {
    // An HTML error page: its title says it all; otherwise keep the text without the tags.
    const title = /<title>([^<]*)<\/title>/i.exec(bodyText)?.[1];
    text = title ?? bodyText.replace(/<[^>]*>/g, ' ');
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > maximumExcerptLength
    ? `${text.slice(0, maximumExcerptLength)}… (truncated)`
    : text;
}
