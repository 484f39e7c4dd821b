import { compileKeyTemplate, type KeyTemplate } from './compile-key-template';

/**
 * The dead-letter store's fixed key layout: partitioned by entry kind, then by the UTC day and
 * hour of the failure; each object is named by where its entries came from (the sink that
 * rejected them, or `decoder`), the shard, the first sequence number and a digest of the entries'
 * identities, so writing the same entries again overwrites the same object.
 *
 * @example
 * ```ts
 * // dead-letter/kind=rejected-record/dt=2024-06-01/hour=00/elasticsearch-shardId-000000000000-4959…-0f1e2d3c4b5a6978.ndjson.gz
 * deadLetterKeyTemplate.render({ prefix: 'dead-letter', kind: 'rejected-record', … });
 * ```
 */
export const deadLetterKeyTemplate: KeyTemplate = compileKeyTemplate(
  '{prefix}/kind={kind}/dt={yyyy}-{MM}-{dd}/hour={HH}/{source}-{shardId}-{sequenceNumber}-{digest}.ndjson.gz',
  {
    optionName: 'deadLetterKeyTemplate',
    placeholders: [
      'prefix',
      'kind',
      'yyyy',
      'MM',
      'dd',
      'HH',
      'source',
      'shardId',
      'sequenceNumber',
      'digest',
    ],
    required: ['source', 'shardId', 'sequenceNumber', 'digest'],
  },
);
