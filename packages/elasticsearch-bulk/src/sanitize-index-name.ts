import { describeReceived } from './describe-received';
import { ELASTICSEARCH_LIMITS } from './elasticsearch-limits';
import { BulkError } from './errors';

const DISALLOWED_RUNS = /[^a-z0-9._-]+/g;
const LEADING_SEPARATORS = /^[-_]+/;

/** What a name that sanitizes to nothing (or to `.`/`..`) becomes. */
const UNNAMED_INDEX = 'unnamed-index';

/**
 * Turns any string into a valid Elasticsearch/OpenSearch index name.
 *
 * Deliberately stricter than the cluster: the result uses only `a-z 0-9 . _ -`. Lowercasing is
 * then the same in JavaScript and in every JDK, and the name needs no escaping in a URL path
 * (`/{index}/_search`). Each run of other characters becomes one `-`, leading `-`/`_` are
 * removed, the result is cut to 255 bytes, and an empty result (or `.`/`..`) becomes
 * `unnamed-index`. A leading `.` is kept: it is valid, and marks a hidden index on purpose.
 * Sanitizing twice gives the same result as sanitizing once.
 *
 * @throws {BulkError} `invalid-argument` when `name` is not a string.
 *
 * @example
 * ```ts
 * sanitizeIndexName('CWL /aws/lambda/Orders#1'); // 'cwl-aws-lambda-orders-1'
 * sanitizeIndexName('_private'); // 'private'
 * ```
 */
export function sanitizeIndexName(name: string): string {
  if (typeof name !== 'string') {
    throw new BulkError(`sanitizeIndexName needs a string; received ${describeReceived(name)}`, {
      code: 'invalid-argument',
    });
  }
  const sanitized = name
    .toLowerCase()
    .replace(DISALLOWED_RUNS, '-')
    .replace(LEADING_SEPARATORS, '')
    .slice(0, ELASTICSEARCH_LIMITS.maxIndexNameBytes);
  return sanitized === '' || sanitized === '.' || sanitized === '..' ? UNNAMED_INDEX : sanitized;
}
