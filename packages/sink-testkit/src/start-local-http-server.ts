import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SinkTestkitError } from './errors';

/**
 * A plain HTTP server on 127.0.0.1 with a random port, closed with every connection it holds
 * (including requests a `hang` fault never answered).
 *
 * @example
 * ```ts
 * const server = await startLocalHttpServer('echo', (request, response) => response.end('ok'));
 * await fetch(server.url);
 * await server.close();
 * ```
 */
export interface LocalHttpServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** Aborts when `close()` starts, so delayed handlers stop waiting. */
  readonly closing: AbortSignal;
  /**
   * Stops listening and destroys every open connection. Rejects with `SinkTestkitError`
   * (`server-error`) when a handler threw while the server ran, so fake-server bugs fail the test
   * that closes it instead of passing unnoticed. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * Starts a {@link LocalHttpServer}. A handler that throws gets a 500 answer and its error is
 * reported by `close()`.
 *
 * @example
 * ```ts
 * const server = await startLocalHttpServer('fake', async (request, response) => {
 *   response.writeHead(204).end();
 * });
 * ```
 */
export async function startLocalHttpServer(
  name: string,
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void> | void,
): Promise<LocalHttpServer> {
  const closingController = new AbortController();
  const handlerErrors: unknown[] = [];
  const server = createServer((request, response) => {
    Promise.resolve()
      .then(() => handler(request, response))
      .catch((error: unknown) => {
        handlerErrors.push(error);
        if (!response.headersSent) {
          const detail = error instanceof Error ? error.message : String(error);
          response
            .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
            .end(`${name} failed to handle the request: ${detail}`);
        } else {
          response.destroy();
        }
      });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      reject(
        new SinkTestkitError(`${name} could not listen on 127.0.0.1: ${error.message}`, {
          code: 'server-error',
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve, reject) => {
      closingController.abort();
      server.close((error) => {
        if (error !== undefined) {
          reject(
            new SinkTestkitError(`${name} failed to close: ${error.message}`, {
              code: 'server-error',
              cause: error,
            }),
          );
          return;
        }
        if (handlerErrors.length > 0) {
          const first = handlerErrors[0];
          const detail = first instanceof Error ? first.message : String(first);
          reject(
            new SinkTestkitError(
              `${name} failed while handling ${handlerErrors.length} request(s); first error: ${detail}`,
              { code: 'server-error', cause: first },
            ),
          );
          return;
        }
        resolve();
      });
      server.closeAllConnections();
    });
    return closed;
  };

  return { url: `http://127.0.0.1:${port}`, closing: closingController.signal, close };
}
