import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultScript } from './fault-script';
import { readRequestBody } from './read-request-body';
import { renderStatusFault } from './render-status-fault';
import { startLocalHttpServer } from './start-local-http-server';

/**
 * A request as a scripted server's handler sees it: fully read, body still as sent on the wire.
 *
 * @example
 * ```ts
 * const isBulk = (request: ScriptedRequest) => request.pathname.endsWith('/_bulk');
 * ```
 */
export interface ScriptedRequest {
  readonly method: string;
  /** Path and query string as sent. */
  readonly path: string;
  /** The path without the query string, percent-decoding left to the handler. */
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as received (compressed when the client compressed it). */
  readonly rawBody: Buffer;
}

/**
 * What a scripted server's handler answers.
 *
 * @example
 * ```ts
 * const response: ScriptedResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
 * ```
 */
export interface ScriptedResponse {
  readonly status: number;
  /** Response headers; an array value sends the header several times. */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Buffer;
}

/**
 * Options of {@link startScriptedServer}.
 *
 * @example
 * ```ts
 * const options: ScriptedServerOptions = { name: 'fake intake', handle: () => ({ status: 200 }) };
 * ```
 */
export interface ScriptedServerOptions {
  /** Name used in error messages. */
  readonly name: string;
  /**
   * Bodies larger than this many bytes (as received, i.e. after compression) get a 413 with an
   * HTML body, like the AWS front end of an OpenSearch domain.
   * @default no limit
   */
  readonly maxRequestBytes?: number;
  /** Handles a request that no fault intercepted. */
  readonly handle: (request: ScriptedRequest) => Promise<ScriptedResponse> | ScriptedResponse;
}

/**
 * A running scripted server.
 *
 * @example
 * ```ts
 * server.faults.inject({ kind: 'reset' });
 * ```
 */
export interface ScriptedServer {
  readonly url: string;
  /** The server's fault script. */
  readonly faults: FaultScript;
  /** Requests received so far, including faulted and rejected ones. */
  requestCount(): number;
  /** Size of the largest request body received, in bytes as sent on the wire. */
  largestRequestBytes(): number;
  /** Requests whose client disconnected before the body was fully read. */
  abandonedRequests(): number;
  close(): Promise<void>;
}

/**
 * Starts a local server that counts requests, applies a {@link FaultScript} and a byte limit,
 * and hands every other request to `handle`. The fakes are built on it, so they fail in exactly
 * the same ways.
 *
 * @example
 * ```ts
 * const server = await startScriptedServer({ name: 'echo', handle: (request) => ({ status: 200, body: request.rawBody }) });
 * ```
 */
export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const faults = new FaultScript();
  let requests = 0;
  let largest = 0;
  let abandoned = 0;

  const local = await startLocalHttpServer(options.name, async (request, response) => {
    requests += 1;
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    const fault = faults.take({ method, path, headers: request.headers });

    let rawBody: Buffer;
    try {
      rawBody = await readRequestBody(request);
    } catch {
      // The client gave up mid-body (its timeout fired): there is no one left to answer.
      abandoned += 1;
      return;
    }
    largest = Math.max(largest, rawBody.length);

    let loseResponse = false;
    if (fault !== undefined) {
      switch (fault.kind) {
        case 'status':
          writeResponse(response, renderStatusFault(fault));
          return;
        case 'hang':
          // Never answer; close() destroys the connection.
          return;
        case 'reset':
          request.socket.destroy();
          return;
        case 'delay':
          try {
            await sleep(fault.ms, undefined, { signal: local.closing });
          } catch {
            // The server is closing: its connections are being destroyed, nothing to answer.
            return;
          }
          break;
        case 'lost-response':
          loseResponse = true;
          break;
      }
    }

    if (options.maxRequestBytes !== undefined && rawBody.length > options.maxRequestBytes) {
      writeResponse(
        response,
        renderStatusFault({ kind: 'status', status: 413, headers: { connection: 'close' } }),
      );
      return;
    }

    const url = new URL(path, 'http://127.0.0.1');
    const answer = await options.handle({
      method,
      path,
      pathname: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      rawBody,
    });
    if (loseResponse) {
      request.socket.destroy();
      return;
    }
    writeResponse(response, answer);
  });

  return {
    url: local.url,
    faults,
    requestCount: () => requests,
    largestRequestBytes: () => largest,
    abandonedRequests: () => abandoned,
    close: () => local.close(),
  };
}

function writeResponse(response: ServerResponse, answer: ScriptedResponse): void {
  const body = answer.body ?? '';
  response.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    response.setHeader(name, typeof value === 'string' ? value : [...value]);
  }
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}
