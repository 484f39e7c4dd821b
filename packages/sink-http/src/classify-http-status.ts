/**
 * What an intake's HTTP status means for the records of the request.
 *
 * | verdict | statuses | the sink… |
 * | --- | --- | --- |
 * | `delivered` | 2xx | reports the records delivered |
 * | `too-large` | 413 | splits the request in halves, down to single events |
 * | `retryable` | 408, 425, 429, 5xx | reports the records retryable and sends nothing more |
 * | `authentication` | 401, 403, 407 | throws `SinkError` `authentication` (not about the records) |
 * | `configuration` | 3xx, 404, 405, 406, 410, 415 | throws `SinkError` `configuration` (wrong URL or preset) |
 * | `rejected` | other 4xx | reports the records rejected with the intake's reason |
 * | `unexpected` | anything else | reports the records retryable (`invalid-response`) |
 *
 * @example
 * ```ts
 * const verdict: StatusVerdict = classifyHttpStatus(429); // 'retryable'
 * ```
 */
export type StatusVerdict =
  | 'delivered'
  | 'too-large'
  | 'retryable'
  | 'authentication'
  | 'configuration'
  | 'rejected'
  | 'unexpected';

const authenticationStatuses = new Set([401, 403, 407]);
const transientClientStatuses = new Set([408, 425, 429]);
// Answers about where the request went, not about what it carried: dead-lettering good logs
// because of a typo in the URL would hide the problem.
const configurationStatuses = new Set([404, 405, 406, 410, 415]);

/**
 * Classifies an intake's HTTP status (see {@link StatusVerdict}).
 *
 * @example
 * ```ts
 * classifyHttpStatus(202); // 'delivered'
 * classifyHttpStatus(413); // 'too-large'
 * classifyHttpStatus(400); // 'rejected'
 * ```
 */
export function classifyHttpStatus(status: number): StatusVerdict {
  if (status >= 200 && status <= 299) return 'delivered';
  if (status === 413) return 'too-large';
  if (authenticationStatuses.has(status)) return 'authentication';
  if (transientClientStatuses.has(status) || (status >= 500 && status <= 599)) return 'retryable';
  if ((status >= 300 && status <= 399) || configurationStatuses.has(status)) return 'configuration';
  if (status >= 400 && status <= 499) return 'rejected';
  return 'unexpected';
}
