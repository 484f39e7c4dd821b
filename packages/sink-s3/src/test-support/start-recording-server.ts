import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One request a {@link startRecordingServer} received.
 *
 * @example
 * ```ts
 * expect(server.requests()[0]?.headers['x-amz-storage-class']).toBe('STANDARD_IA');
 * ```
 */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * What the server answers; `undefined` from `respond` means 200 with an empty body.
 *
 * @example
 * ```ts
 * const answer: RecordedAnswer = { status: 403, body: '<Error><Code>AccessDenied</Code></Error>' };
 * ```
 */
export interface RecordedAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/**
 * A local HTTP server on 127.0.0.1 that records every request (headers and body as received) and
 * answers with `respond`, for asserting exact request bytes.
 *
 * @example
 * ```ts
 * const server = await startRecordingServer();
 * try { … } finally { await server.close(); }
 * ```
 */
export async function startRecordingServer(
  respond: (request: RecordedRequest) => RecordedAnswer | undefined = () => undefined,
): Promise<{ url: string; requests(): RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(recorded);
    const answer = respond(recorded) ?? { status: 200 };
    response.writeHead(answer.status, { etag: '"0123"', ...answer.headers });
    response.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
