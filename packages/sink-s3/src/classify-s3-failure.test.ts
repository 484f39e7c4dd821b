import { describe, expect, it } from 'vitest';
import { classifyS3Failure } from './classify-s3-failure';

const request = 'PUT "archive/x.ndjson.gz"';

function s3Error(code: string, message: string, extra = ''): Uint8Array {
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>4442587FB7D0A2F9</RequestId><HostId>uZ0Yd2fZ+Bl2Zz==</HostId></Error>`,
  );
}

describe('classifyS3Failure', () => {
  it.each([
    [503, 'SlowDown', 'Please reduce your request rate.', 'retryable', 'throttled'],
    [429, 'TooManyRequests', 'Too many requests', 'retryable', 'throttled'],
    [400, 'RequestLimitExceeded', 'Request limit exceeded.', 'retryable', 'throttled'],
    [
      500,
      'InternalError',
      'We encountered an internal error. Please try again.',
      'retryable',
      'server',
    ],
    [503, 'ServiceUnavailable', 'Service is unable to handle request.', 'retryable', 'server'],
    [
      409,
      'OperationAborted',
      'A conflicting conditional operation is currently in progress against this resource.',
      'retryable',
      'server',
    ],
    [
      307,
      'TemporaryRedirect',
      'Please re-send this request to the specified temporary endpoint.',
      'retryable',
      'server',
    ],
    [
      400,
      'RequestTimeout',
      'Your socket connection to the server was not read from or written to within the timeout period.',
      'retryable',
      'network',
    ],
    [
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      'retryable',
      'network',
    ],
    [
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
      'retryable',
      'network',
    ],
    [403, 'AccessDenied', 'Access Denied', 'fatal', 'authentication'],
    [
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      'fatal',
      'authentication',
    ],
    [
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      'fatal',
      'authentication',
    ],
    [
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      'fatal',
      'authentication',
    ],
    [400, 'ExpiredToken', 'The provided token has expired.', 'fatal', 'authentication'],
    [
      400,
      'InvalidToken',
      'The provided token is malformed or otherwise invalid.',
      'fatal',
      'authentication',
    ],
    [404, 'NoSuchBucket', 'The specified bucket does not exist', 'fatal', 'configuration'],
    [
      301,
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint.',
      'fatal',
      'configuration',
    ],
    [
      400,
      'AuthorizationHeaderMalformed',
      "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
      'fatal',
      'configuration',
    ],
    [
      400,
      'InvalidStorageClass',
      'The storage class you specified is not valid',
      'fatal',
      'configuration',
    ],
    [400, 'KMS.NotFoundException', 'Invalid keyId alias/missing', 'fatal', 'configuration'],
    [
      403,
      'InvalidObjectState',
      "The operation is not valid for the object's storage class",
      'fatal',
      'configuration',
    ],
    [400, 'KeyTooLongError', 'Your key is too long', 'rejected', 'configuration'],
    [
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
      'rejected',
      'configuration',
    ],
  ] as const)('%i %s → %s %s', (status, code, message, disposition, sinkCode) => {
    const failure = classifyS3Failure(
      { status, statusText: '', body: s3Error(code, message) },
      request,
    );
    expect(failure).toMatchObject({
      disposition,
      code: sinkCode,
      httpStatus: status,
      errorType: code,
    });
    expect(failure.reason).toContain(
      `S3 answered ${status} ${code} (${JSON.stringify(message)}) to ${request}`,
    );
  });

  it('says what to check for fatal failures', () => {
    expect(
      classifyS3Failure(
        { status: 403, statusText: 'Forbidden', body: s3Error('AccessDenied', 'Access Denied') },
        request,
      ).reason,
    ).toBe(
      'S3 answered 403 AccessDenied ("Access Denied") to PUT "archive/x.ndjson.gz": the credentials are missing, expired, or not allowed to do this',
    );
    expect(
      classifyS3Failure(
        {
          status: 404,
          statusText: 'Not Found',
          body: s3Error('NoSuchBucket', 'The specified bucket does not exist'),
        },
        request,
      ).reason,
    ).toBe(
      'S3 answered 404 NoSuchBucket ("The specified bucket does not exist") to PUT "archive/x.ndjson.gz": check the bucket, region, endpoint and options',
    );
  });

  it('never copies the other fields of the error body into the reason', () => {
    const body = s3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
      '<AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256 secret-material</StringToSign>',
    );
    const { reason } = classifyS3Failure({ status: 403, statusText: 'Forbidden', body }, request);
    expect(reason).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(reason).not.toContain('secret-material');
    expect(reason).not.toContain('4442587FB7D0A2F9');
  });

  it.each([
    [
      502,
      'Bad Gateway',
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      'retryable',
      'server',
      'S3 answered 502 Bad Gateway with a body that is not an S3 error ("<html><body><h1>502 Bad Gateway</h1></body></html>")',
    ],
    [
      429,
      'Too Many Requests',
      '<html>slow down</html>',
      'retryable',
      'throttled',
      'S3 answered 429 Too Many Requests with a body that is not an S3 error',
    ],
    [
      401,
      'Unauthorized',
      '<html>401</html>',
      'fatal',
      'authentication',
      'S3 answered 401 Unauthorized with a body that is not an S3 error',
    ],
    [500, '', '', 'retryable', 'server', 'S3 answered 500 with an empty body'],
    [
      404,
      'Not Found',
      '',
      'fatal',
      'configuration',
      'S3 answered 404 Not Found with an empty body',
    ],
    [
      400,
      'Bad Request',
      '{"message":"x"}',
      'fatal',
      'configuration',
      'S3 answered 400 Bad Request with a body that is not an S3 error',
    ],
  ] as const)(
    'classifies %i %s without an S3 error body by status',
    (status, statusText, body, disposition, code, reason) => {
      const failure = classifyS3Failure(
        { status, statusText, body: new TextEncoder().encode(body) },
        request,
      );
      expect(failure).toMatchObject({
        disposition,
        code,
        httpStatus: status,
        errorType: undefined,
      });
      expect(failure.reason).toContain(reason);
    },
  );

  it('truncates a long body in the reason', () => {
    const body = new TextEncoder().encode(`<html>${'x'.repeat(10_000)}</html>`);
    const { reason } = classifyS3Failure({ status: 502, statusText: 'Bad Gateway', body }, request);
    expect(reason.length).toBeLessThan(300);
    expect(reason).toContain('… (truncated)');
  });

  it('decodes XML entities in the message', () => {
    const { reason } = classifyS3Failure(
      {
        status: 400,
        statusText: '',
        body: s3Error('InvalidArgument', 'a &amp; b &lt;c&gt; &quot;d&quot; &#x263A;'),
      },
      request,
    );
    expect(reason).toContain('("a & b <c> \\"d\\" ☺")');
  });
});
