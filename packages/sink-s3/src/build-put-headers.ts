import { createInvalidOptionError } from './create-invalid-option-error';
import type { S3ServerSideEncryption } from './s3-server-side-encryption';

/**
 * The object-level options shared by the archive and the dead-letter store.
 *
 * @example
 * ```ts
 * const options: PutHeaderOptions = { serverSideEncryption: { kmsKeyId: 'alias/logs' }, storageClass: 'STANDARD_IA' };
 * ```
 */
export interface PutHeaderOptions {
  readonly serverSideEncryption?: S3ServerSideEncryption;
  readonly storageClass?: string;
}

const storageClassPattern = /^[A-Z][A-Z0-9_]{0,63}$/;
// Visible ASCII only: a header value must not carry control characters or line breaks.
const headerValuePattern = /^[\x21-\x7e]{1,2048}$/;

/**
 * Validates the encryption and storage-class options and returns the headers every PUT of gzip
 * NDJSON carries: `content-type: application/x-ndjson`, `content-encoding: gzip`, then the SSE-KMS
 * and `x-amz-storage-class` headers when configured.
 *
 * @throws {SinkError} `invalid-options`, naming the option.
 * @example
 * ```ts
 * buildPutHeaders({ serverSideEncryption: { kmsKeyId: 'alias/logs', bucketKeyEnabled: true } }, 's3');
 * // → { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip',
 * //     'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/logs',
 * //     'x-amz-server-side-encryption-bucket-key-enabled': 'true' }
 * ```
 */
export function buildPutHeaders(options: PutHeaderOptions, sink: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-ndjson',
    'content-encoding': 'gzip',
  };
  const encryption = options.serverSideEncryption;
  if (encryption !== undefined) {
    if (typeof encryption !== 'object' || encryption === null) {
      throw createInvalidOptionError(
        sink,
        'serverSideEncryption',
        'an object { kmsKeyId?, bucketKeyEnabled? }',
        encryption,
      );
    }
    headers['x-amz-server-side-encryption'] = 'aws:kms';
    if (encryption.kmsKeyId !== undefined) {
      if (
        typeof encryption.kmsKeyId !== 'string' ||
        !headerValuePattern.test(encryption.kmsKeyId)
      ) {
        throw createInvalidOptionError(
          sink,
          'serverSideEncryption.kmsKeyId',
          'a KMS key id, key ARN or alias (1-2048 visible ASCII characters)',
          encryption.kmsKeyId,
        );
      }
      headers['x-amz-server-side-encryption-aws-kms-key-id'] = encryption.kmsKeyId;
    }
    if (encryption.bucketKeyEnabled !== undefined) {
      if (typeof encryption.bucketKeyEnabled !== 'boolean') {
        throw createInvalidOptionError(
          sink,
          'serverSideEncryption.bucketKeyEnabled',
          'a boolean',
          encryption.bucketKeyEnabled,
        );
      }
      headers['x-amz-server-side-encryption-bucket-key-enabled'] = String(
        encryption.bucketKeyEnabled,
      );
    }
  }
  if (options.storageClass !== undefined) {
    if (
      typeof options.storageClass !== 'string' ||
      !storageClassPattern.test(options.storageClass)
    ) {
      throw createInvalidOptionError(
        sink,
        'storageClass',
        'an S3 storage class such as STANDARD, STANDARD_IA, INTELLIGENT_TIERING or GLACIER_IR',
        options.storageClass,
      );
    }
    headers['x-amz-storage-class'] = options.storageClass;
  }
  return headers;
}
