import type { SinkErrorCode } from '@logferry/sink';
import { describeReceived } from './describe-received';
import { parseS3ErrorBody } from './parse-s3-error-body';

/**
 * What a non-2xx S3 answer means for the records or entries in the request.
 *
 * - `retryable`: transient; the same request may succeed later (throttling, 5xx, a corrupted
 *   transfer, a request S3 timed out reading).
 * - `rejected`: permanent, and about this object only (its key is too long, it is too large):
 *   retrying cannot help, other objects are fine.
 * - `fatal`: about the configuration or credentials, so about every request: the call throws
 *   a non-retryable `SinkError` instead of classifying records.
 *
 * @example
 * ```ts
 * const failure: S3Failure = { disposition: 'retryable', code: 'throttled', httpStatus: 503, errorType: 'SlowDown', reason: 'S3 answered 503 SlowDown …' };
 * ```
 */
export interface S3Failure {
  readonly disposition: 'retryable' | 'rejected' | 'fatal';
  /** The `SinkError` code this failure maps to. */
  readonly code: SinkErrorCode;
  readonly httpStatus: number;
  /** S3's error code (`SlowDown`, `AccessDenied`, …), when the body was an S3 XML error. */
  readonly errorType: string | undefined;
  /** What S3 answered, to what request; never contains credentials. */
  readonly reason: string;
}

/**
 * The parts of a response {@link classifyS3Failure} reads.
 *
 * @example
 * ```ts
 * const answer: S3Answer = { status: 503, statusText: 'Slow Down', body: new Uint8Array() };
 * ```
 */
export interface S3Answer {
  readonly status: number;
  readonly statusText: string;
  readonly body: Uint8Array;
}

const throttlingCodes = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequests',
  'TooManyRequestsException',
  'RequestThrottled',
]);
// A transfer S3 could not read or verify in full: sending the same bytes again usually works.
const transferCodes = new Set([
  'RequestTimeout',
  'XAmzContentSHA256Mismatch',
  'BadDigest',
  'IncompleteBody',
]);
const transientCodes = new Set(['InternalError', 'ServiceUnavailable', 'OperationAborted']);
const credentialCodes = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'RequestTimeTooSkewed',
  'AccountProblem',
  'AllAccessDisabled',
]);
// About one object's key or size, not about the configuration.
const objectCodes = new Set(['KeyTooLongError', 'EntityTooLarge']);

/**
 * Classifies a non-2xx S3 answer, reading S3's XML error body (`<Error><Code>…<Message>…`) into
 * the reason. The table (first match wins):
 *
 * | answer | disposition | code |
 * | --- | --- | --- |
 * | 429, or a throttling code (`SlowDown` 503, `Throttling`, `RequestLimitExceeded`, …) | retryable | `throttled` |
 * | 5xx, `InternalError`, `OperationAborted` 409, 307 `TemporaryRedirect` | retryable | `server` |
 * | `RequestTimeout`, `XAmzContentSHA256Mismatch`, `BadDigest`, `IncompleteBody` (400) | retryable | `network` |
 * | 401, 403 (`AccessDenied`, `InvalidAccessKeyId`, `SignatureDoesNotMatch`, …), 400 `ExpiredToken`/`InvalidToken` | fatal | `authentication` |
 * | `KeyTooLongError`, `EntityTooLarge` (400) | rejected | `configuration` |
 * | 403 `InvalidObjectState` (archived storage class), 404 (`NoSuchBucket`, …), 301 `PermanentRedirect`, any other answer | fatal | `configuration` |
 *
 * @example
 * ```ts
 * classifyS3Failure({ status: 404, statusText: 'Not Found', body }, 'PUT "archive/…"');
 * // → { disposition: 'fatal', code: 'configuration', errorType: 'NoSuchBucket', reason: 'S3 answered 404 NoSuchBucket ("The specified bucket does not exist") to PUT "archive/…"', … }
 * ```
 */
export function classifyS3Failure(answer: S3Answer, request: string): S3Failure {
  const text = new TextDecoder().decode(answer.body);
  const s3Error = parseS3ErrorBody(text);
  const errorType = s3Error?.code;
  const what =
    s3Error === undefined
      ? text.trim() === ''
        ? `${answer.status}${answer.statusText === '' ? '' : ` ${answer.statusText}`} with an empty body`
        : `${answer.status}${answer.statusText === '' ? '' : ` ${answer.statusText}`} with a body that is not an S3 error (${describeReceived(text.trim())})`
      : `${answer.status} ${s3Error.code}${s3Error.message === undefined ? '' : ` (${describeReceived(s3Error.message)})`}`;
  const [disposition, code] = classify(answer.status, errorType);
  const advice =
    code === 'authentication'
      ? ': the credentials are missing, expired, or not allowed to do this'
      : disposition === 'fatal'
        ? ': check the bucket, region, endpoint and options'
        : '';
  return {
    disposition,
    code,
    httpStatus: answer.status,
    errorType,
    reason: `S3 answered ${what} to ${request}${advice}`,
  };
}

function classify(
  status: number,
  errorType: string | undefined,
): readonly [S3Failure['disposition'], SinkErrorCode] {
  const has = (codes: ReadonlySet<string>) => errorType !== undefined && codes.has(errorType);
  if (status === 429 || has(throttlingCodes)) return ['retryable', 'throttled'];
  if (status >= 500 || has(transientCodes) || status === 307) return ['retryable', 'server'];
  if (has(transferCodes)) return ['retryable', 'network'];
  if (errorType === 'InvalidObjectState') return ['fatal', 'configuration'];
  if (status === 401 || status === 403 || has(credentialCodes)) return ['fatal', 'authentication'];
  if (has(objectCodes)) return ['rejected', 'configuration'];
  return ['fatal', 'configuration'];
}
