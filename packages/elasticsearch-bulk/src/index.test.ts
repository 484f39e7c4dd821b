import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('package entry point', () => {
  it('exports exactly the documented runtime API', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BULK_DEFAULTS',
      'BulkError',
      'BulkResponseError',
      'ELASTICSEARCH_LIMITS',
      'classifyBulkHttpStatus',
      'createDocumentMapper',
      'encodeBulkChunks',
      'encodeBulkOperation',
      'isValidIndexName',
      'parseBulkResponse',
      'sanitizeIndexName',
      'splitBulkChunk',
    ]);
  });

  it('documents defaults that fit a small Amazon OpenSearch Service domain', () => {
    expect(api.BULK_DEFAULTS).toEqual({
      maxBytes: 5_242_880,
      maxOperations: 5_000,
      maxMessageBytes: 262_144,
      maxJsonDepth: 10,
      maxJsonFields: 200,
      indexTemplate: 'cwl-{yyyy.MM.dd}',
      jsonNamespace: 'json',
    });
    // 10 MiB is the smallest HTTP payload limit of the service; the default leaves half of it free.
    expect(api.BULK_DEFAULTS.maxBytes * 2).toBe(10 * 1024 * 1024);
  });
});
