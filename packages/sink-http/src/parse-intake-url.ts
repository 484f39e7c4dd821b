import { createOptionError } from './errors';

/**
 * An intake URL split into what is requested and the credentials it carried.
 *
 * @example
 * ```ts
 * const parsed: ParsedIntakeUrl = { url: new URL('https://logs.example.com/'), basicAuth: { username: 'u', password: 'p' } };
 * ```
 */
export interface ParsedIntakeUrl {
  /** The URL to request: no user info, no fragment. */
  readonly url: URL;
  /** User name and password from `https://user:pass@host`, decoded. */
  readonly basicAuth: { readonly username: string; readonly password: string } | undefined;
}

/**
 * Parses and checks a URL option. The value is never echoed in the error, because for some
 * intakes (Sumo Logic) the URL itself is the credential.
 *
 * @throws {SinkError} `invalid-options` when it is not an absolute `http:` or `https:` URL.
 * @example
 * ```ts
 * parseIntakeUrl('url', 'https://logstash:secret@logs.example.com:8080/').basicAuth; // { username: 'logstash', password: 'secret' }
 * ```
 */
export function parseIntakeUrl(option: string, value: unknown): ParsedIntakeUrl {
  const rule = 'an absolute http:// or https:// URL';
  if (typeof value !== 'string') throw createOptionError(option, rule, value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw createOptionError(option, rule, value, { hideReceived: true });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw createOptionError(option, `${rule} (got the ${url.protocol} scheme)`, value, {
      hideReceived: true,
    });
  }
  const basicAuth =
    url.username === '' && url.password === ''
      ? undefined
      : {
          username: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
        };
  url.username = '';
  url.password = '';
  url.hash = '';
  return { url, basicAuth };
}
