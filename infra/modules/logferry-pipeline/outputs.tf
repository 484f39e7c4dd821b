output "kms_key_arn" {
  description = "ARN of the KMS key every component is encrypted with (created or given)."
  value       = local.kms_key_arn
}

output "kms_key_policy_json" {
  description = "The key policy the module applies to a created key. When you bring your own key (kms_key_arn), merge its CloudWatch Logs and CloudWatch alarms statements into that key's policy."
  value       = jsonencode(local.kms_key_policy)
}

output "kinesis_stream_name" {
  description = "Name of the Kinesis stream every subscription filter writes to."
  value       = aws_kinesis_stream.this.name
}

output "kinesis_stream_arn" {
  description = "ARN of the Kinesis stream."
  value       = aws_kinesis_stream.this.arn
}

output "cloudwatch_logs_role_arn" {
  description = "ARN of the role CloudWatch Logs assumes to write into the stream (reuse it for subscription filters created outside this module)."
  value       = aws_iam_role.cloudwatch_logs.arn
}

output "subscribed_log_group_names" {
  description = "Log groups that have a subscription filter into the stream."
  value       = sort(keys(aws_cloudwatch_log_subscription_filter.this))
}

output "lambda_function_name" {
  description = "Name of the shipper Lambda."
  value       = aws_lambda_function.this.function_name
}

output "lambda_function_arn" {
  description = "ARN of the shipper Lambda."
  value       = aws_lambda_function.this.arn
}

output "lambda_role_arn" {
  description = "ARN of the Lambda execution role (map it to a backend role when the domain uses fine-grained access control)."
  value       = aws_iam_role.lambda.arn
}

output "lambda_log_group_name" {
  description = "The Lambda's own log group (never subscribed)."
  value       = aws_cloudwatch_log_group.lambda.name
}

output "on_failure_queue_arn" {
  description = "ARN of the SQS queue that receives descriptions of batches that exhausted their retries."
  value       = aws_sqs_queue.on_failure.arn
}

output "on_failure_queue_url" {
  description = "URL of the on-failure SQS queue."
  value       = aws_sqs_queue.on_failure.id
}

output "s3_bucket_name" {
  description = "Bucket holding the archive and dead letters."
  value       = local.s3_bucket_name
}

output "archive_s3_uri" {
  description = "Where archived events are written (null when the archive is disabled)."
  value       = var.archive_enabled ? "s3://${local.s3_bucket_name}/${var.archive_prefix}/" : null
}

output "dead_letter_s3_uri" {
  description = "Where dead letters (records no destination accepted) are written."
  value       = "s3://${local.s3_bucket_name}/${var.dead_letter_prefix}/"
}

output "opensearch_url" {
  description = "HTTPS URL the Lambda ships to (null without a search destination)."
  value       = local.search_enabled ? local.opensearch_url : null
}

output "opensearch_domain_arn" {
  description = "ARN of the created or given OpenSearch domain."
  value       = local.opensearch_domain_arn
}

output "opensearch_dashboards_url" {
  description = "OpenSearch Dashboards URL of the created domain (null when the module did not create one)."
  value       = var.create_opensearch_domain ? "https://${aws_opensearch_domain.this[0].dashboard_endpoint}" : null
}

output "alarm_topic_arn" {
  description = "ARN of the KMS-encrypted SNS topic the alarms notify (null when alarms are disabled)."
  value       = var.alarms_enabled ? aws_sns_topic.alarms[0].arn : null
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms."
  value       = sort([for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_name])
}
