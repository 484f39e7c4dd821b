import type { ScriptedResponse } from './start-scripted-server';

/**
 * Builds a whole-request Elasticsearch error response: `{"error":{"root_cause":[…],"type","reason"},"status"}`
 * (the fake adds the product header to every response in one place).
 *
 * @example
 * ```ts
 * renderElasticsearchError(404, 'index_not_found_exception', 'no such index [logs]', { index: 'logs' });
 * ```
 */
export function renderElasticsearchError(
  status: number,
  type: string,
  reason: string,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string | readonly string[]>> = {},
): ScriptedResponse {
  const cause = { type, reason, ...extra };
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ error: { root_cause: [cause], ...cause }, status }),
  };
}
