/**
 * How a service wants its requests signed, beyond the common algorithm.
 *
 * @example
 * ```ts
 * const rules: ServiceSigningRules = { applyChecksum: true, uriEscapePath: false }; // S3
 * ```
 */
export interface ServiceSigningRules {
  /** Add `x-amz-content-sha256` (required by S3 and OpenSearch Serverless). */
  readonly applyChecksum: boolean;
  /** Normalise and URI-encode the already-encoded path again (every service except S3). */
  readonly uriEscapePath: boolean;
}

const s3SigningNames = new Set(['s3', 's3-object-lambda', 's3-outposts']);
// OpenSearch Serverless rejects requests without x-amz-content-sha256.
const checksumRequiredSigningNames = new Set([...s3SigningNames, 'aoss']);

/**
 * The signing rules for a service signing name; explicit options override them.
 *
 * @example
 * ```ts
 * getServiceSigningRules('aoss'); // → { applyChecksum: true, uriEscapePath: true }
 * ```
 */
export function getServiceSigningRules(service: string): ServiceSigningRules {
  return {
    applyChecksum: checksumRequiredSigningNames.has(service),
    uriEscapePath: !s3SigningNames.has(service),
  };
}
