import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body completely, as the bytes arrived on the wire (still compressed). Rejects
 * when the client disconnects before the body ends.
 *
 * @example
 * ```ts
 * const raw = await readRequestBody(request);
 * ```
 */
export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
