resource "aws_kinesis_stream" "this" {
  name             = var.name
  retention_period = var.kinesis_retention_period_hours
  # shard_count must be unset in on-demand mode.
  shard_count     = var.kinesis_stream_mode == "PROVISIONED" ? var.kinesis_shard_count : null
  encryption_type = "KMS"
  kms_key_id      = local.kms_key_arn

  stream_mode_details {
    stream_mode = var.kinesis_stream_mode
  }

  tags = var.tags
}
