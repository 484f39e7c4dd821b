import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 that counts the connections clients open through it.
 *
 * @example
 * ```ts
 * const counter = await startConnectionCounter(new URL(fake.url).port);
 * ```
 */
export interface ConnectionCounter {
  /** `http://127.0.0.1:<port>` of the relay. */
  readonly url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Stops listening and destroys every relayed connection. */
  close(): Promise<void>;
}

/**
 * Starts a TCP relay in front of a local server, to observe connection reuse (keep-alive) from
 * the client side without touching the server.
 *
 * @example
 * ```ts
 * const counter = await startConnectionCounter(Number(new URL(fake.url).port));
 * const sink = createElasticsearchSink({ url: counter.url, auth: { type: 'none' } });
 * ```
 */
export async function startConnectionCounter(targetPort: number): Promise<ConnectionCounter> {
  let accepted = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    accepted += 1;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
