/**
 * SSE-KMS settings for every object written. Objects are then sent with
 * `x-amz-server-side-encryption: aws:kms`, plus the key id and bucket-key headers when given.
 *
 * @example
 * ```ts
 * const encryption: S3ServerSideEncryption = {
 *   kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
 *   bucketKeyEnabled: true,
 * };
 * ```
 */
export interface S3ServerSideEncryption {
  /**
   * The KMS key (id, ARN or alias ARN), sent as `x-amz-server-side-encryption-aws-kms-key-id`.
   * @default undefined (the account's AWS managed key `aws/s3`, or the bucket's default key)
   */
  readonly kmsKeyId?: string;
  /**
   * Use an S3 Bucket Key (fewer KMS calls, lower cost), sent as
   * `x-amz-server-side-encryption-bucket-key-enabled`.
   * @default undefined (the bucket's setting)
   */
  readonly bucketKeyEnabled?: boolean;
}
