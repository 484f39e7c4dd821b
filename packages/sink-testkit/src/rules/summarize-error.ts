import { describeReceived } from '../describe-received';

/**
 * Renders an error for a violation message: class, code, retryable flag, status and message.
 *
 * @example
 * ```ts
 * summarizeError(new SinkError('401', { code: 'authentication', retryable: false }));
 * // 'SinkError (code authentication, retryable false): 401'
 * ```
 */
export function summarizeError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}: ${describeReceived(error)}`;
  const fields = error as Error & { code?: unknown; retryable?: unknown; httpStatus?: unknown };
  const details = [
    fields.code === undefined ? undefined : `code ${String(fields.code)}`,
    fields.retryable === undefined ? undefined : `retryable ${String(fields.retryable)}`,
    fields.httpStatus === undefined ? undefined : `httpStatus ${String(fields.httpStatus)}`,
  ].filter((detail) => detail !== undefined);
  return `${error.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}: ${error.message.slice(0, 300)}`;
}
