import { describeReceived } from './describe-received';

/**
 * Renders a URL for an error message without user name, password, query or fragment, which is
 * where secrets (presigned signatures, tokens) would live.
 *
 * @example
 * ```ts
 * describeUrl(new URL('https://u:p@logs.example.com/_bulk?token=x')); // → '"https://logs.example.com/_bulk"'
 * ```
 */
export function describeUrl(url: URL): string {
  return describeReceived(`${url.protocol}//${url.host}${url.pathname}`);
}
