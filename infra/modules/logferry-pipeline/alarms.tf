# Alarms for a pipeline that falls behind, fails, or loses records, sent to a KMS-encrypted topic.

locals {
  alarm_topic_arns = var.alarms_enabled ? [aws_sns_topic.alarms[0].arn] : []

  # One entry per alarm; every alarm name starts with var.name (the KMS and topic grants rely on it).
  alarm_definitions = {
    kinesis-iterator-age = {
      description         = "Records wait in Kinesis stream ${var.name} longer than ${var.alarm_iterator_age_threshold_ms} ms: the Lambda is falling behind and records near the retention limit may be lost."
      namespace           = "AWS/Kinesis"
      metric_name         = "GetRecords.IteratorAgeMilliseconds"
      dimensions          = { StreamName = aws_kinesis_stream.this.name }
      statistic           = "Maximum"
      period              = 60
      evaluation_periods  = 5
      datapoints_to_alarm = 5
      threshold           = var.alarm_iterator_age_threshold_ms
    }
    lambda-errors = {
      description         = "Lambda ${var.name} invocations fail: batches are retried and bisected, then sent to the on-failure queue."
      namespace           = "AWS/Lambda"
      metric_name         = "Errors"
      dimensions          = { FunctionName = aws_lambda_function.this.function_name }
      statistic           = "Sum"
      period              = 300
      evaluation_periods  = 1
      datapoints_to_alarm = 1
      threshold           = var.alarm_lambda_errors_threshold
    }
    lambda-throttles = {
      description         = "Lambda ${var.name} is throttled: raise its reserved concurrency or the account limit."
      namespace           = "AWS/Lambda"
      metric_name         = "Throttles"
      dimensions          = { FunctionName = aws_lambda_function.this.function_name }
      statistic           = "Sum"
      period              = 300
      evaluation_periods  = 1
      datapoints_to_alarm = 1
      threshold           = 0
    }
    on-failure-queue-not-empty = {
      description         = "Batches of stream ${var.name} exhausted their retries; their shard positions are in SQS queue ${aws_sqs_queue.on_failure.name}. Re-read them from Kinesis before the stream retention ends."
      namespace           = "AWS/SQS"
      metric_name         = "ApproximateNumberOfMessagesVisible"
      dimensions          = { QueueName = aws_sqs_queue.on_failure.name }
      statistic           = "Maximum"
      period              = 300
      evaluation_periods  = 1
      datapoints_to_alarm = 1
      threshold           = 0
    }
    dead-lettered = {
      description         = "Lambda ${var.name} wrote records to the dead-letter store: they were rejected by every sink and need replay."
      namespace           = "Logferry"
      metric_name         = "DeadLettered"
      dimensions          = { FunctionName = aws_lambda_function.this.function_name }
      statistic           = "Sum"
      period              = 300
      evaluation_periods  = 1
      datapoints_to_alarm = 1
      threshold           = 0
    }
    handed-back = {
      description         = "Lambda ${var.name} keeps handing records back to Kinesis for retry: a sink has been failing for 15 minutes."
      namespace           = "Logferry"
      metric_name         = "HandedBack"
      dimensions          = { FunctionName = aws_lambda_function.this.function_name }
      statistic           = "Sum"
      period              = 300
      evaluation_periods  = 3
      datapoints_to_alarm = 3
      threshold           = var.alarm_handed_back_threshold
    }
  }
  # A for expression (rather than a conditional) keeps the per-alarm dimension shapes apart.
  alarms = { for key, alarm in local.alarm_definitions : key => alarm if var.alarms_enabled }
}

resource "aws_sns_topic" "alarms" {
  count = var.alarms_enabled ? 1 : 0

  name              = "${var.name}-alarms"
  kms_master_key_id = local.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_policy" "alarms" {
  count = var.alarms_enabled ? 1 : 0

  arn = aws_sns_topic.alarms[0].arn
  # Replaces the default topic policy, whose Principal is "*" (limited by an owner condition).
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountManagesAndSubscribes"
        Effect    = "Allow"
        Principal = { AWS = local.account_root_arn }
        Action = [
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:AddPermission",
          "sns:RemovePermission",
          "sns:DeleteTopic",
          "sns:Subscribe",
          "sns:ListSubscriptionsByTopic",
          "sns:Publish",
        ]
        Resource = aws_sns_topic.alarms[0].arn
      },
      {
        Sid       = "PipelineAlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = local.cloudwatch_service_principal }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alarms[0].arn
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
          ArnLike      = { "aws:SourceArn" = local.alarm_arn_pattern }
        }
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "alarm_email" {
  for_each = var.alarms_enabled ? toset(var.alarm_email_addresses) : toset([])

  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints_to_alarm
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  # No data means no traffic, not a failure.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_topic_arns
  ok_actions         = local.alarm_topic_arns
  tags               = var.tags
}
