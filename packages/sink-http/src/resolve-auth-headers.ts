import { createOptionError } from './errors';
import type { HttpSinkAuth } from './http-sink-options';

/**
 * Request headers carrying credentials, with the strings that must never be printed and a
 * description for inspection.
 *
 * @example
 * ```ts
 * const resolved: ResolvedAuth = { headers: { authorization: 'Bearer t0ken-value' }, secrets: ['t0ken-value', 'Bearer t0ken-value'], credentials: 'bearer' };
 * ```
 */
export interface ResolvedAuth {
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  /** `'none'`, `'bearer'`, `'basic'` or `'header <name>'`. */
  readonly credentials: string;
}

const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerValuePattern = /^[\t\x20-\x7e]*$/;

/**
 * Turns the `auth` option (or credentials found in the URL's user info) into headers. Secret
 * values are validated without being echoed: errors say which field is wrong and why.
 *
 * @throws {SinkError} `invalid-options` for an unknown kind, an empty or multi-line secret, or
 *   `auth` given together with credentials in the URL.
 * @example
 * ```ts
 * resolveAuthHeaders({ kind: 'basic', username: 'logstash', password: 'pa55' }, undefined).headers;
 * // { authorization: 'Basic bG9nc3Rhc2g6cGE1NQ==' }
 * ```
 */
export function resolveAuthHeaders(
  auth: HttpSinkAuth | undefined,
  urlBasicAuth: { readonly username: string; readonly password: string } | undefined,
): ResolvedAuth {
  if (auth !== undefined && urlBasicAuth !== undefined) {
    throw createOptionError('auth', 'absent when url carries user info (pick one)', auth.kind);
  }
  const effective: HttpSinkAuth | undefined =
    auth ?? (urlBasicAuth === undefined ? undefined : { kind: 'basic', ...urlBasicAuth });
  if (effective === undefined) return { headers: {}, secrets: [], credentials: 'none' };
  if (effective === null || typeof effective !== 'object') {
    throw createOptionError('auth', 'an object with kind bearer, basic or header', effective);
  }
  switch (effective.kind) {
    case 'bearer': {
      const token = readSecret('auth.token', effective.token);
      const value = `Bearer ${token}`;
      return { headers: { authorization: value }, secrets: [token, value], credentials: 'bearer' };
    }
    case 'basic': {
      // Base64 carries any character, so user name and password only need to be strings.
      const username = readSecret('auth.username', effective.username, { inHeader: false });
      const password = readSecret('auth.password', effective.password, { inHeader: false });
      if (username.includes(':')) {
        throw createOptionError('auth.username', 'a user name without ":"', username, {
          hideReceived: true,
        });
      }
      const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
      return {
        headers: { authorization: `Basic ${encoded}` },
        secrets: [password, encoded, `Basic ${encoded}`],
        credentials: 'basic',
      };
    }
    case 'header': {
      const name = effective.name;
      if (typeof name !== 'string' || !headerNamePattern.test(name)) {
        throw createOptionError('auth.name', 'an HTTP header name such as DD-API-KEY', name);
      }
      const value = readSecret('auth.value', effective.value);
      return { headers: { [name]: value }, secrets: [value], credentials: `header ${name}` };
    }
    default:
      throw createOptionError(
        'auth.kind',
        "'bearer', 'basic' or 'header'",
        (effective as { kind?: unknown }).kind,
      );
  }
}

function readSecret(
  option: string,
  value: unknown,
  { inHeader = true }: { readonly inHeader?: boolean } = {},
): string {
  if (typeof value !== 'string' || (inHeader && value === '')) {
    throw createOptionError(option, inHeader ? 'a non-empty string' : 'a string', value, {
      hideReceived: true,
    });
  }
  if (inHeader && !headerValuePattern.test(value)) {
    throw createOptionError(option, 'printable ASCII (it is sent in a header)', value, {
      hideReceived: true,
    });
  }
  return value;
}
