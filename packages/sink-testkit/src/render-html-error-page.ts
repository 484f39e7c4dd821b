import { STATUS_CODES } from 'node:http';

/**
 * Renders the HTML error page nginx and AWS load balancers send for a status, e.g. the body of a
 * `502 Bad Gateway` from an ALB in front of a cluster. Sinks must not assume error bodies are JSON.
 *
 * @example
 * ```ts
 * renderHtmlErrorPage(502);
 * // '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n'
 * ```
 */
export function renderHtmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}
