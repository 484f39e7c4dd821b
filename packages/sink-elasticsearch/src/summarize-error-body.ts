const MAX_SUMMARY_CHARS = 300;

/**
 * The readable gist of an error answer, and its machine-readable type when it has one.
 *
 * @example
 * ```ts
 * const summary: ErrorBodySummary = { text: 'security_exception: action [indices:data/write/bulk] is unauthorized…', errorType: 'security_exception' };
 * ```
 */
export interface ErrorBodySummary {
  readonly text: string;
  readonly errorType: string | undefined;
}

function cut(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length <= MAX_SUMMARY_CHARS
    ? collapsed
    : `${collapsed.slice(0, MAX_SUMMARY_CHARS - 1)}…`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function summarizeHtml(html: string): string {
  // Load balancer and proxy pages say it all in their title or first heading.
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const text =
    title?.trim() ||
    heading?.replace(/<[^>]*>/g, ' ').trim() ||
    html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return `HTML page: ${cut(decodeEntities(text))}`;
}

function summarizeJson(value: unknown): ErrorBodySummary | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return { text: cut(error), errorType: undefined };
  if (typeof error === 'object' && error !== null) {
    const { type, reason } = error as { type?: unknown; reason?: unknown };
    const errorType = typeof type === 'string' ? type : undefined;
    const detail = typeof reason === 'string' ? reason : JSON.stringify(error);
    return { text: cut(errorType === undefined ? detail : `${errorType}: ${detail}`), errorType };
  }
  // AWS front ends answer {"message": …} (403) or {"Message": …} (413).
  const message = record.message ?? record.Message;
  if (typeof message === 'string') return { text: cut(message), errorType: undefined };
  return undefined;
}

/**
 * Turns an error answer into one short line for a reason or an error message: the Elasticsearch
 * error `type: reason`, the AWS front end's `message`, or the title of an HTML page (load
 * balancers, proxies), cut to 300 characters. Never throws, whatever the body.
 *
 * @example
 * ```ts
 * summarizeErrorBody({ body: '<html><head><title>502 Bad Gateway</title></head></html>', contentType: 'text/html', awsErrorType: '' });
 * // { text: 'HTML page: 502 Bad Gateway', errorType: undefined }
 * ```
 */
export function summarizeErrorBody(answer: {
  readonly body: string;
  readonly contentType: string;
  readonly awsErrorType: string;
}): ErrorBodySummary {
  const awsErrorType = answer.awsErrorType.split(':')[0]?.trim() || undefined;
  const body = answer.body.trim();
  if (body === '') return { text: 'empty body', errorType: awsErrorType };
  if (body.startsWith('{')) {
    try {
      const summary = summarizeJson(JSON.parse(body));
      if (summary !== undefined) {
        return { text: summary.text, errorType: summary.errorType ?? awsErrorType };
      }
    } catch {
      // Not JSON after all (a truncated body): summarized as text below.
    }
  }
  if (answer.contentType.includes('html') || body.startsWith('<')) {
    return { text: summarizeHtml(body), errorType: awsErrorType };
  }
  return { text: cut(body), errorType: awsErrorType };
}
