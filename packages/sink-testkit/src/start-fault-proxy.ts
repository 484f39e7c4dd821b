import {
  Agent,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeReceived } from './describe-received';
import { SinkTestkitError } from './errors';
import { type Fault, FaultScript } from './fault-script';
import { renderHtmlErrorPage } from './render-html-error-page';
import { renderStatusFault } from './render-status-fault';
import { startLocalHttpServer } from './start-local-http-server';

/**
 * Options of {@link startFaultProxy}.
 *
 * @example
 * ```ts
 * const options: FaultProxyOptions = { target: 'http://127.0.0.1:4568', maxRequestBytes: 5 * 1024 * 1024 };
 * ```
 */
export interface FaultProxyOptions {
  /** The server to forward to, e.g. an s3rver at `http://127.0.0.1:4568`. Plain HTTP only. */
  readonly target: string;
  /**
   * Request bodies above this many bytes get a 413 with an HTML body and are not forwarded.
   * @default no limit
   */
  readonly maxRequestBytes?: number;
  /**
   * Replace the `Host` header with the target's host. Off by default: clients sign `Host` into
   * SigV4 signatures, and a path-style S3 server (s3rver) finds the bucket in the path, so
   * forwarding `Host` unchanged keeps signatures valid.
   * @default false
   */
  readonly rewriteHost?: boolean;
}

/**
 * Counters of a fault proxy.
 *
 * @example
 * ```ts
 * expect(proxy.stats().largestRequestBytes).toBeLessThanOrEqual(limit);
 * ```
 */
export interface FaultProxyStats {
  /** Every request received, including faulted ones. */
  readonly requests: number;
  /** Requests forwarded to the target. */
  readonly forwarded: number;
  /** Largest request body seen, in bytes as sent. */
  readonly largestRequestBytes: number;
  /** Scripted faults applied. */
  readonly faultsApplied: number;
  /** Forwarded requests the target could not be reached for (answered 502). */
  readonly upstreamErrors: number;
}

/**
 * A running fault proxy.
 *
 * @example
 * ```ts
 * proxy.injectFault({ kind: 'reset', match: (request) => request.method === 'PUT' });
 * ```
 */
export interface FaultProxy {
  /** Base URL to point the client at instead of the target. */
  readonly url: string;
  /** Requests received so far, including faulted ones. */
  requestCount(): number;
  /** Scripts a fault (status answer, hang, reset, lost response, delay). */
  injectFault(fault: Fault): void;
  /** Drops scripted faults that have not been used up. */
  clearFaults(): void;
  stats(): FaultProxyStats;
  /** Stops the proxy, destroys its connections and its pool of target connections. */
  close(): Promise<void>;
}

const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // The proxy already answered `100 Continue` to the client; the target gets the body at once.
  'expect',
]);

/**
 * Starts an HTTP reverse proxy on 127.0.0.1 in front of any HTTP server (s3rver, a real
 * OpenSearch in a container, …). It streams requests and responses through unchanged, counts
 * requests and the largest body, and applies the same fault script as the fakes — so a sink
 * whose destination has no fake (S3) gets the same failure tests.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ target: s3rverUrl });
 * const sink = createS3Sink({ endpoint: proxy.url, forcePathStyle: true });
 * proxy.injectFault({ kind: 'status', status: 503 });
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = parseTarget(options?.target);
  if (
    options.maxRequestBytes !== undefined &&
    (!Number.isSafeInteger(options.maxRequestBytes) || options.maxRequestBytes < 1)
  ) {
    throw invalidOption('maxRequestBytes', 'a positive integer', options.maxRequestBytes);
  }
  const maxRequestBytes = options.maxRequestBytes;
  const faults = new FaultScript();
  const agent = new Agent({ keepAlive: true });
  const basePath = target.pathname.replace(/\/$/, '');
  let requests = 0;
  let forwarded = 0;
  let largest = 0;
  let upstreamErrors = 0;

  const local = await startLocalHttpServer('fault proxy', async (request, response) => {
    requests += 1;
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    const fault = faults.take({ method, path, headers: request.headers });

    if (fault?.kind === 'status' || fault?.kind === 'hang' || fault?.kind === 'reset') {
      const size = await drain(request);
      if (size === undefined) return; // the client left mid-body; no one to answer
      largest = Math.max(largest, size);
      if (fault.kind === 'status') {
        const answer = renderStatusFault(fault);
        response
          .writeHead(answer.status, {
            ...answer.headers,
            'content-length': Buffer.byteLength(answer.body),
          })
          .end(answer.body);
      } else if (fault.kind === 'reset') {
        request.socket.destroy();
      }
      return; // hang: close() destroys the connection
    }
    if (fault?.kind === 'delay') {
      try {
        await sleep(fault.ms, undefined, { signal: local.closing });
      } catch {
        return; // the proxy is closing; its connections are being destroyed
      }
    }

    const declaredLength = Number(request.headers['content-length'] ?? Number.NaN);
    if (maxRequestBytes !== undefined && declaredLength > maxRequestBytes) {
      const size = await drain(request);
      if (size === undefined) return;
      largest = Math.max(largest, size);
      sendTooLarge(response);
      return;
    }
    forwarded += 1;
    await forward(request, response, fault?.kind === 'lost-response');
  });

  const forward = (
    request: IncomingMessage,
    response: ServerResponse,
    loseResponse: boolean,
  ): Promise<void> =>
    new Promise<void>((resolve) => {
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (!hopByHopHeaders.has(name) && value !== undefined) headers[name] = value;
      }
      if (options.rewriteHost === true) headers.host = target.host;
      const upstream = httpRequest({
        protocol: 'http:',
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        path: `${basePath}${request.url ?? '/'}`,
        headers,
        agent,
      });
      let bytes = 0;
      let tooLarge = false;
      let settled = false;
      const settle = () => {
        if (!settled) {
          settled = true;
          resolve();
        }
      };

      upstream.on('response', (upstreamResponse) => {
        if (loseResponse) {
          // The target handled the request; the client never learns it.
          upstreamResponse.resume();
          upstreamResponse.on('end', () => {
            request.socket.destroy();
            settle();
          });
          return;
        }
        const responseHeaders: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(upstreamResponse.headers)) {
          if (!hopByHopHeaders.has(name) && value !== undefined) responseHeaders[name] = value;
        }
        response.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders);
        upstreamResponse.pipe(response);
        upstreamResponse.on('end', settle);
        upstreamResponse.on('error', () => {
          response.destroy();
          settle();
        });
      });
      upstream.on('error', (error) => {
        // Destroyed on purpose (the 413 is on its way), or a later write error after the 502.
        if (tooLarge || settled) return;
        upstreamErrors += 1;
        if (!response.headersSent) {
          const body = `${renderHtmlErrorPage(502)}<!-- fault proxy: ${error.message.replace(/--/g, '- -')} -->\r\n`;
          response.writeHead(502, { 'content-type': 'text/html' }).end(body);
        } else {
          response.destroy();
        }
        settle();
      });

      request.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (tooLarge || upstream.destroyed) return;
        if (maxRequestBytes !== undefined && bytes > maxRequestBytes) {
          tooLarge = true;
          upstream.destroy();
          return;
        }
        if (!upstream.write(chunk)) {
          request.pause();
          upstream.once('drain', () => request.resume());
        }
      });
      request.on('end', () => {
        largest = Math.max(largest, bytes);
        if (tooLarge) {
          sendTooLarge(response);
          settle();
          return;
        }
        if (!upstream.destroyed) upstream.end();
      });
      request.on('error', () => {
        // The client went away mid-body: abandon the forwarded request too.
        upstream.destroy();
        settle();
      });
    });

  return {
    url: local.url,
    requestCount: () => requests,
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    stats: () => ({
      requests,
      forwarded,
      largestRequestBytes: largest,
      faultsApplied: faults.applied,
      upstreamErrors,
    }),
    close: async () => {
      try {
        await local.close();
      } finally {
        agent.destroy();
      }
    },
  };
}

async function drain(request: IncomingMessage): Promise<number | undefined> {
  let size = 0;
  try {
    for await (const chunk of request) size += (chunk as Buffer).length;
  } catch {
    return undefined;
  }
  return size;
}

function sendTooLarge(response: ServerResponse): void {
  const answer = renderStatusFault({
    kind: 'status',
    status: 413,
    headers: { connection: 'close' },
  });
  response
    .writeHead(answer.status, {
      ...answer.headers,
      'content-length': Buffer.byteLength(answer.body),
    })
    .end(answer.body);
}

function parseTarget(value: unknown): URL {
  if (typeof value !== 'string') throw invalidOption('target', 'an http:// URL string', value);
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new SinkTestkitError(
      `startFaultProxy: option target must be an http:// URL; received ${describeReceived(value)}`,
      { code: 'invalid-options', cause: error },
    );
  }
  if (url.protocol !== 'http:') {
    throw invalidOption('target', 'an http:// URL (the proxy does not speak TLS)', value);
  }
  return url;
}

function invalidOption(name: string, rule: string, received: unknown): SinkTestkitError {
  return new SinkTestkitError(
    `startFaultProxy: option ${name} must be ${rule}; received ${describeReceived(received)}`,
    { code: 'invalid-options' },
  );
}
