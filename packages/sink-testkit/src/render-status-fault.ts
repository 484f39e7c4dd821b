import type { Fault } from './fault-script';
import { renderHtmlErrorPage } from './render-html-error-page';

/**
 * The answer to a `status` fault, the same from every fake and the proxy: the scripted body, or
 * the HTML error page a load balancer sends.
 *
 * @example
 * ```ts
 * renderStatusFault({ kind: 'status', status: 503 });
 * // { status: 503, headers: { 'content-type': 'text/html' }, body: '<html>…503 Service Unavailable…' }
 * ```
 */
export function renderStatusFault(fault: Extract<Fault, { readonly kind: 'status' }>): {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
} {
  const contentType =
    fault.contentType ??
    (fault.body === undefined
      ? 'text/html'
      : fault.body.startsWith('{')
        ? 'application/json'
        : 'text/plain');
  return {
    status: fault.status,
    headers: { 'content-type': contentType, ...fault.headers },
    body: fault.body ?? renderHtmlErrorPage(fault.status),
  };
}
