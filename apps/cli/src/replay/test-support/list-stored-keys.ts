import { listS3Objects, type S3ClientOptions } from '@logferry/sink-s3';

/**
 * The keys stored under a prefix, in key order.
 *
 * @example
 * ```ts
 * expect(await listStoredKeys(s3.connection('logs'), 'dead-letter/')).toEqual([]);
 * ```
 */
export async function listStoredKeys(
  connection: S3ClientOptions,
  prefix: string,
): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of listS3Objects({ ...connection, prefix })) keys.push(object.key);
  return keys;
}
