import { describeReceived } from './describe-received';
import { SigningError } from './errors';

const methodPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// The methods `fetch` upper-cases; any other method is sent exactly as written.
const normalizedMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * Returns the method as it will be sent, so the signed method and the sent one agree.
 *
 * @example
 * ```ts
 * normalizeMethod('post'); // → 'POST'; normalizeMethod('patch') → 'patch', as fetch sends it
 * ```
 */
export function normalizeMethod(method: unknown): string {
  if (typeof method !== 'string' || !methodPattern.test(method)) {
    throw new SigningError(
      `The request method must be an HTTP token such as "GET" or "POST", received ${describeReceived(method)}.`,
      { code: 'invalid-request' },
    );
  }
  const upperCase = method.toUpperCase();
  return normalizedMethods.has(upperCase) ? upperCase : method;
}
