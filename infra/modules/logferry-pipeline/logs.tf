# Log groups to ship, their subscription filters, and the role CloudWatch Logs uses to write into
# the stream. One stream and one Lambda serve every log group.

resource "aws_cloudwatch_log_group" "shipped" {
  for_each = var.create_log_groups ? toset(var.log_group_names) : toset([])

  name              = each.value
  retention_in_days = var.log_group_retention_in_days
  kms_key_id        = local.kms_key_arn
  tags              = var.tags
}

resource "aws_iam_role" "cloudwatch_logs" {
  name        = "${var.name}-cloudwatch-logs-to-kinesis"
  description = "Assumed by CloudWatch Logs to put subscription filter events into the ${var.name} Kinesis stream."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudWatchLogsOfThisAccountAndRegionOnly"
        Effect    = "Allow"
        Principal = { Service = local.logs_service_principal }
        Action    = "sts:AssumeRole"
        # Without this condition any account's CloudWatch Logs could be made to write through
        # this role (confused deputy).
        Condition = {
          StringLike = { "aws:SourceArn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:*" }
        }
      },
    ]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "cloudwatch_logs" {
  name = "put-records-into-${var.name}"
  role = aws_iam_role.cloudwatch_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "PutIntoThePipelineStreamOnly"
        Effect   = "Allow"
        Action   = ["kinesis:PutRecord", "kinesis:PutRecords"]
        Resource = aws_kinesis_stream.this.arn
      },
      {
        Sid      = "EncryptRecordsWithThePipelineKey"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey"]
        Resource = local.kms_key_arn
      },
    ]
  })
}

resource "aws_cloudwatch_log_subscription_filter" "this" {
  for_each = toset(var.log_group_names)

  name            = "${var.name}-to-kinesis"
  log_group_name  = var.create_log_groups ? aws_cloudwatch_log_group.shipped[each.value].name : each.value
  filter_pattern  = var.subscription_filter_pattern
  destination_arn = aws_kinesis_stream.this.arn
  role_arn        = aws_iam_role.cloudwatch_logs.arn
  distribution    = var.subscription_distribution

  # CloudWatch Logs checks the role when the filter is created; the policy must exist by then.
  depends_on = [aws_iam_role_policy.cloudwatch_logs]
}
