import { createS3DeadLetterStore, type S3DeadLetterStoreOptions } from '@logferry/sink-s3';
import type { DeadLetterRewriter } from './replay-object-context';

/**
 * Creates the {@link DeadLetterRewriter} of a dead-letter drain: sink-s3's dead-letter store on
 * the source's own bucket and prefix, with its `fetch` wrapped to remember the key of every object
 * it stored. sink-s3 names dead-letter objects by a digest of their entries, and does not return
 * the keys it wrote; knowing them is what keeps a rewrite that landed on the old key from being
 * deleted right after.
 *
 * @example
 * ```ts
 * const rewriter = createDeadLetterRewriter({ bucket: 'logs', prefix: 'dead-letter', region: 'eu-west-1' });
 * ```
 */
export function createDeadLetterRewriter(options: S3DeadLetterStoreOptions): DeadLetterRewriter {
  const writtenPaths = new Set<string>();
  const send = options.fetch;
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await (send ?? globalThis.fetch)(input, init);
    if (init?.method === 'PUT' && response.ok) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      // S3 keys are sent with each path segment percent-encoded once.
      writtenPaths.add(url.pathname.split('/').map(decodeURIComponent).join('/'));
    }
    return response;
  };
  const store = createS3DeadLetterStore({ ...options, fetch: recordingFetch });
  return {
    store,
    // Path-style URLs carry the bucket as the first segment, virtual-hosted ones do not.
    wasWritten: (key) =>
      writtenPaths.has(`/${key}`) || writtenPaths.has(`/${options.bucket}/${key}`),
  };
}
