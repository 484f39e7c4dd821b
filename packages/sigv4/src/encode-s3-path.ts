import { describeReceived } from './describe-received';
import { encodeRfc3986 } from './encode-rfc3986';
import { SigningError } from './errors';

/**
 * S3 signs each path segment URI-encoded exactly once, from the decoded object key, without
 * normalising `//`, `.` or `..`. Re-encoding the segments strictly makes the path that is sent
 * identical to the one that is signed.
 *
 * @example
 * ```ts
 * encodeS3Path('/logs//a b/(1).gz'); // → '/logs//a%20b/%281%29.gz'
 * ```
 */
export function encodeS3Path(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeRfc3986(decodeURIComponent(segment));
      } catch (error) {
        throw new SigningError(
          `Every "%" in an S3 URL path must start a valid percent-encoded UTF-8 sequence (write a literal "%" as "%25"), received the path segment ${describeReceived(segment)}.`,
          { code: 'invalid-url', cause: error },
        );
      }
    })
    .join('/');
}
