import { describeReceived } from './describe-received';
import { SigningError } from './errors';

/**
 * Checks that a body can be hashed up front and returns it as a string or a `Uint8Array` view of
 * the same memory (no copy). Streams, `Blob`s, `FormData` and `URLSearchParams` are
 * `unsupported-body`: their bytes are not known until they are sent.
 *
 * @example
 * ```ts
 * normalizeBody(new ArrayBuffer(4)); // → Uint8Array(4) over the same memory
 * ```
 */
export function normalizeBody(body: unknown): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new SigningError(
    `SigV4 hashes the body before sending it, so the body must be a string, a Uint8Array (or other ArrayBufferView) or an ArrayBuffer, received ${describeReceived(body)}. Read a stream or Blob into a Uint8Array first, or send URLSearchParams as a string with its content-type header.`,
    { code: 'unsupported-body' },
  );
}
