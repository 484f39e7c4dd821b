export {
  type ArchivePartitionPrefixesOptions,
  archivePartitionPrefixes,
} from './archive-partition-prefixes';
export {
  createS3DeadLetterStore,
  type S3DeadLetterStoreOptions,
} from './create-s3-dead-letter-store';
export { createS3Sink, type S3SinkOptions } from './create-s3-sink';
export {
  type DeadLetterPartitionPrefixesOptions,
  deadLetterPartitionPrefixes,
} from './dead-letter-partition-prefixes';
export { decodeKeySegment } from './decode-key-segment';
export { defaultArchiveKeyTemplate } from './default-archive-key-template';
export { type DeleteS3ObjectOptions, deleteS3Object } from './delete-s3-object';
export { encodeArchiveLine } from './encode-archive-line';
export { encodeDeadLetterLine } from './encode-dead-letter-line';
export { encodeKeySegment, maxKeySegmentBytes } from './encode-key-segment';
export {
  isS3ArchiveError,
  S3ArchiveError,
  type S3ArchiveErrorCode,
  type S3ArchiveErrorOptions,
} from './errors';
export type { LineLocation } from './line-location';
export {
  type ArchiveLogGroup,
  type ListArchiveLogGroupsOptions,
  listArchiveLogGroups,
} from './list-archive-log-groups';
export { type ListS3ObjectsOptions, listS3Objects } from './list-s3-objects';
export type { S3ObjectSummary } from './list-s3-page';
export { parseArchiveLine } from './parse-archive-line';
export { parseDeadLetterLine } from './parse-dead-letter-line';
export {
  type ArchiveLine,
  type ReadArchiveObjectOptions,
  readArchiveObject,
} from './read-archive-object';
export {
  type DeadLetterLine,
  type ReadDeadLetterObjectOptions,
  readDeadLetterObject,
} from './read-dead-letter-object';
export type { S3ClientOptions } from './s3-client-options';
export type { S3ServerSideEncryption } from './s3-server-side-encryption';
