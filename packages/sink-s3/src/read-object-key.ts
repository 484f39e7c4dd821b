import { createInvalidOptionError } from './create-invalid-option-error';

/**
 * Validates an object key option: a non-empty string of at most 1024 UTF-8 bytes (S3's limit)
 * without lone surrogates, which have no UTF-8 form.
 *
 * @throws {SinkError} `invalid-options`.
 * @example
 * ```ts
 * const key = readObjectKey(options.key, 's3');
 * ```
 */
export function readObjectKey(key: unknown, sink: string): string {
  const rule = 'an object key: a non-empty string of at most 1024 UTF-8 bytes';
  if (typeof key !== 'string' || key === '' || Buffer.byteLength(key) > 1024) {
    throw createInvalidOptionError(sink, 'key', rule, key);
  }
  try {
    encodeURIComponent(key);
  } catch (error) {
    throw createInvalidOptionError(sink, 'key', `${rule} (no lone surrogates)`, key, error);
  }
  return key;
}
