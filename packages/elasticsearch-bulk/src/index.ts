export { BULK_DEFAULTS } from './bulk-defaults';
export type { BulkItemOutcome } from './bulk-item-outcome';
export type { BulkAction, BulkOperation, EncodedBulkOperation } from './bulk-operation';
export {
  type BulkRequestDecision,
  type BulkTransportFailure,
  classifyBulkHttpStatus,
} from './classify-bulk-http-status';
export { createDocumentMapper } from './create-document-mapper';
export type {
  DocumentIdMode,
  DocumentMapper,
  DocumentMapperOptions,
  JsonMode,
} from './document-mapper';
export { ELASTICSEARCH_LIMITS } from './elasticsearch-limits';
export {
  type BulkChunk,
  type BulkChunkEncodeOptions,
  type BulkChunkOptions,
  type BulkChunkResult,
  encodeBulkChunks,
  type InvalidBulkOperation,
  type OversizedBulkOperation,
} from './encode-bulk-chunks';
export { encodeBulkOperation } from './encode-bulk-operation';
export {
  BulkError,
  type BulkErrorCode,
  type BulkErrorOptions,
  BulkResponseError,
  type BulkResponseErrorCode,
  type BulkResponseErrorOptions,
} from './errors';
export type { JsonSkipReason } from './extract-json-fields';
export { isValidIndexName } from './is-valid-index-name';
export type { LogDocument } from './log-document';
export type { LogEventRecord } from './log-event-record';
export { parseBulkResponse } from './parse-bulk-response';
export { sanitizeIndexName } from './sanitize-index-name';
export { splitBulkChunk } from './split-bulk-chunk';
