import { describeReceived } from './describe-received';
import { S3ArchiveError } from './errors';

const prefixPattern = /^[A-Za-z0-9!_.*'()=/-]*$/;

/**
 * Validates a key prefix option and removes trailing slashes (`'archive/'` and `'archive'` are the
 * same prefix). Allowed: S3's safe key characters (`A–Z a–z 0–9 ! - _ . * ' ( )`), `=` and `/`
 * between non-empty segments, no `.` or `..` segment; the empty string means "no prefix".
 *
 * @throws {S3ArchiveError} `invalid-options`, naming the option.
 * @example
 * ```ts
 * normalizeKeyPrefix('logs/prod/', 'prefix'); // → 'logs/prod'
 * ```
 */
export function normalizeKeyPrefix(prefix: unknown, optionName: string): string {
  if (typeof prefix !== 'string') {
    throw invalidPrefix(optionName, 'must be a string', prefix);
  }
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!prefixPattern.test(trimmed)) {
    throw invalidPrefix(optionName, "may only contain A-Z a-z 0-9 ! - _ . * ' ( ) = and /", prefix);
  }
  if (trimmed.length > 512) {
    throw invalidPrefix(optionName, 'must be at most 512 characters', prefix);
  }
  const segments = trimmed.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw invalidPrefix(
      optionName,
      'must not start with "/", contain "//", or have a "." or ".." segment',
      prefix,
    );
  }
  return trimmed;
}

function invalidPrefix(optionName: string, rule: string, received: unknown): S3ArchiveError {
  return new S3ArchiveError(
    `The "${optionName}" option ${rule} (it starts every object key); received ${describeReceived(received)}.`,
    { code: 'invalid-options' },
  );
}
