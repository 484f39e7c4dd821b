import { createServer, type Socket } from 'node:net';

/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers; `close()` destroys them.
 *
 * @example
 * ```ts
 * const hanging = await startHangingServer();
 * try { … } finally { await hanging.close(); }
 * ```
 */
export async function startHangingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
