import { describeReceived } from './describe-received';
import { SigningError } from './errors';

/**
 * Parses and checks the URL of a request to sign. A string that does not parse, a scheme other
 * than http(s), or a user name/password in the URL (which `fetch` refuses too) are `invalid-url`.
 *
 * @example
 * ```ts
 * parseRequestUrl('https://search-a.eu-west-1.es.amazonaws.com/_bulk'); // → URL
 * ```
 */
export function parseRequestUrl(input: unknown): URL {
  let url: URL;
  if (input instanceof URL) url = new URL(input.href);
  else if (typeof input === 'string') {
    try {
      url = new URL(input);
    } catch (error) {
      throw new SigningError(
        `The request URL must be an absolute http: or https: URL, received ${describeReceived(maskUserInfo(input))}.`,
        { code: 'invalid-url', cause: error },
      );
    }
  } else {
    throw new SigningError(
      `The request URL must be a string or a URL, received ${describeReceived(input)}.`,
      { code: 'invalid-url' },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SigningError(
      `The request URL must use http: or https:, received ${describeReceived(url.protocol)}.`,
      { code: 'invalid-url' },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new SigningError(
      `The request URL must not contain a user name or password (SigV4 authenticates with the Authorization header), received one for host ${describeReceived(url.host)}.`,
      { code: 'invalid-url' },
    );
  }
  return url;
}

function maskUserInfo(input: string): string {
  return input.replace(/\/\/[^/?#@]*@/, '//[redacted]@');
}
