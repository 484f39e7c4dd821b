import { SinkError } from '@logferry/sink';
import { classifyS3Failure } from './classify-s3-failure';
import type { S3Client } from './create-s3-client';
import { describeReceived } from './describe-received';
import { readXmlBlocks, readXmlElements } from './read-xml-elements';
import { toSinkError } from './to-sink-error';

/**
 * One object in a listing.
 *
 * @example
 * ```ts
 * const summary: S3ObjectSummary = { key: 'archive/x.ndjson.gz', size: 5120, lastModified: '2024-06-01T00:00:05.000Z', etag: '"9b2cf535f27731c974343645a3985328"' };
 * ```
 */
export interface S3ObjectSummary {
  readonly key: string;
  /** Size in bytes, as stored (compressed). */
  readonly size: number;
  /** ISO-8601 time of the last write, as S3 reports it. */
  readonly lastModified: string | undefined;
  /** The object's ETag, quotes included, as S3 reports it. */
  readonly etag: string | undefined;
}

/**
 * One page of a ListObjectsV2 answer.
 *
 * @example
 * ```ts
 * const page: S3ListPage = { objects: [], commonPrefixes: ['archive/log_group=foo/'], nextContinuationToken: undefined };
 * ```
 */
export interface S3ListPage {
  readonly objects: readonly S3ObjectSummary[];
  readonly commonPrefixes: readonly string[];
  /** Set when there are more results: pass it as `continuationToken` to get them. */
  readonly nextContinuationToken: string | undefined;
}

/**
 * What to list.
 *
 * @example
 * ```ts
 * const request: S3ListRequest = { prefix: 'archive/', delimiter: '/', maxKeys: 1000 };
 * ```
 */
export interface S3ListRequest {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  readonly continuationToken?: string;
  readonly startAfter?: string;
}

/**
 * Fetches one page of ListObjectsV2 (`GET /?list-type=2`) and parses the XML.
 *
 * @throws {SinkError} the classified failure, or `invalid-response` (retryable) when a 200 answer
 * is not a `ListBucketResult`.
 * @example
 * ```ts
 * const page = await listS3Page(client, { prefix: 'archive/', maxKeys: 1000 }, signal);
 * ```
 */
export async function listS3Page(
  client: S3Client,
  request: S3ListRequest,
  signal?: AbortSignal,
): Promise<S3ListPage> {
  const query: Record<string, string> = { 'list-type': '2', 'max-keys': String(request.maxKeys) };
  if (request.prefix !== '') query.prefix = request.prefix;
  if (request.delimiter !== undefined) query.delimiter = request.delimiter;
  if (request.continuationToken !== undefined) {
    query['continuation-token'] = request.continuationToken;
  } else if (request.startAfter !== undefined) {
    query['start-after'] = request.startAfter;
  }
  const response = await client.send({ method: 'GET', query }, signal);
  const what = `ListObjectsV2 of prefix ${describeReceived(request.prefix)}`;
  if (response.status < 200 || response.status >= 300) {
    throw toSinkError(classifyS3Failure(response, what), client.sink);
  }
  const xml = new TextDecoder().decode(response.body);
  const result = readXmlBlocks(xml, 'ListBucketResult')[0];
  if (result === undefined) {
    throw new SinkError(
      `S3 answered ${what} with ${response.status} but the body is not a ListBucketResult; received ${describeReceived(xml)}.`,
      { code: 'invalid-response', retryable: true, sink: client.sink, httpStatus: response.status },
    );
  }
  const objects = readXmlBlocks(result, 'Contents').map((contents) => {
    const size = Number(readXmlElements(contents, 'Size')[0]);
    return {
      key: readXmlElements(contents, 'Key')[0] ?? '',
      size: Number.isFinite(size) ? size : 0,
      lastModified: readXmlElements(contents, 'LastModified')[0],
      etag: readXmlElements(contents, 'ETag')[0],
    };
  });
  const commonPrefixes = readXmlBlocks(result, 'CommonPrefixes').flatMap((block) =>
    readXmlElements(block, 'Prefix'),
  );
  const truncated = readXmlElements(result, 'IsTruncated')[0] === 'true';
  const token = readXmlElements(result, 'NextContinuationToken')[0];
  if (truncated && (token === undefined || token === '')) {
    throw new SinkError(
      `S3 answered ${what} with IsTruncated true but no NextContinuationToken, so the listing cannot continue.`,
      { code: 'invalid-response', retryable: true, sink: client.sink, httpStatus: response.status },
    );
  }
  return { objects, commonPrefixes, nextContinuationToken: truncated ? token : undefined };
}
