import { readXmlBlocks, readXmlElements } from './read-xml-elements';

/**
 * The machine-readable part of an S3 error response.
 *
 * @example
 * ```ts
 * const error: S3ErrorBody = { code: 'NoSuchBucket', message: 'The specified bucket does not exist' };
 * ```
 */
export interface S3ErrorBody {
  /** S3's error code, e.g. `SlowDown`, `AccessDenied`, `NoSuchBucket`. */
  readonly code: string;
  /** S3's message, when it sent one. */
  readonly message: string | undefined;
}

/**
 * Reads `<Error><Code>…</Code><Message>…</Message></Error>` from an S3 error body. Other fields
 * (`RequestId`, `HostId`, `AWSAccessKeyId`, `StringToSign`, …) are ignored on purpose: they are
 * noise in a reason, and some echo credential material.
 *
 * @returns the code and message, or `undefined` when the body is not an S3 XML error (a load
 * balancer's HTML page, an empty body).
 * @example
 * ```ts
 * parseS3ErrorBody('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
 * // → { code: 'SlowDown', message: 'Please reduce your request rate.' }
 * ```
 */
export function parseS3ErrorBody(body: string): S3ErrorBody | undefined {
  const error = readXmlBlocks(body, 'Error')[0];
  if (error === undefined) return undefined;
  const code = readXmlElements(error, 'Code')[0]?.trim();
  if (code === undefined || code === '') return undefined;
  const message = readXmlElements(error, 'Message')[0]?.trim();
  return { code, message: message === '' ? undefined : message };
}
