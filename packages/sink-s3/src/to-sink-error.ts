import { SinkError } from '@logferry/sink';
import type { S3Failure } from './classify-s3-failure';

/**
 * Turns a classified S3 failure into the `SinkError` a caller can branch on: retryable failures
 * keep their code (`throttled`, `server`, `network`); `rejected` and `fatal` ones are not
 * retryable.
 *
 * @example
 * ```ts
 * if (response.status >= 300) throw toSinkError(classifyS3Failure(response, 'GET "x"'), 's3');
 * ```
 */
export function toSinkError(failure: S3Failure, sink: string): SinkError {
  return new SinkError(`${failure.reason}.`, {
    code: failure.code,
    retryable: failure.disposition === 'retryable',
    sink,
    httpStatus: failure.httpStatus,
  });
}
