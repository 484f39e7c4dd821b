import { describeReceived } from './describe-received';
import { SigningError } from './errors';

// RFC 9110 token characters.
const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// CR, LF and NUL would split or truncate the header on the wire.
const forbiddenValueCharacters = /[\r\n\0]/;
// The signer writes these itself.
const replacedHeaders = new Set(['authorization', 'x-amz-date', 'date']);

/**
 * Turns the caller's headers into a plain object with lower-case names and trimmed values (what
 * `fetch` and HTTP/1.1 send), dropping the ones the signer sets itself.
 *
 * @example
 * ```ts
 * normalizeHeaders({ 'Content-Type': ' application/json ' }); // → { 'content-type': 'application/json' }
 * ```
 */
export function normalizeHeaders(headers: unknown): Record<string, string> {
  const normalized: Record<string, string> = Object.create(null);
  if (headers === undefined || headers === null) return normalized;
  if (headers instanceof Headers) {
    for (const [name, value] of headers) addHeader(normalized, name, value);
    return normalized;
  }
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    throw new SigningError(
      `Request headers must be a plain object of strings or a Headers instance, received ${describeReceived(headers)}.`,
      { code: 'invalid-request' },
    );
  }
  for (const [name, value] of Object.entries(headers)) addHeader(normalized, name, value);
  return normalized;
}

function addHeader(target: Record<string, string>, name: string, value: unknown): void {
  if (!headerNamePattern.test(name)) {
    throw new SigningError(
      `Header names must be HTTP tokens (letters, digits and !#$%&'*+-.^_\`|~), received ${describeReceived(name)}.`,
      { code: 'invalid-request' },
    );
  }
  if (typeof value !== 'string') {
    throw new SigningError(
      `The value of header "${name}" must be a string, received ${describeReceived(value)}.`,
      { code: 'invalid-request' },
    );
  }
  if (forbiddenValueCharacters.test(value)) {
    throw new SigningError(
      `The value of header "${name}" must not contain CR, LF or NUL characters, received ${describeReceived(value)}.`,
      { code: 'invalid-request' },
    );
  }
  const lowerCaseName = name.toLowerCase();
  if (lowerCaseName in target) {
    throw new SigningError(
      `Header "${lowerCaseName}" is given twice with different letter case; give it once (join several values with ",").`,
      { code: 'invalid-request' },
    );
  }
  if (replacedHeaders.has(lowerCaseName)) return;
  target[lowerCaseName] = value.replace(/^[\t ]+|[\t ]+$/g, '');
}
