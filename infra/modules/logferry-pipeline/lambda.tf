# The shipper Lambda, its own log group, the Kinesis event source mapping and its on-failure queue.

resource "aws_cloudwatch_log_group" "lambda" {
  # Created before the function so Lambda does not create it itself without retention or KMS.
  # Never subscribed: see the log_group_names validation (and the guard in the function's code).
  name              = local.lambda_log_group_name
  retention_in_days = var.log_group_retention_in_days
  kms_key_id        = local.kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  description   = "logferry: ships CloudWatch Logs from Kinesis stream ${var.name} to OpenSearch / S3"
  role          = aws_iam_role.lambda.arn
  filename      = local.lambda_zip_path
  # fileexists keeps `terraform validate` and offline tests free of the build artifact; the
  # precondition below still refuses to plan a deployment without it.
  source_code_hash = fileexists(local.lambda_zip_path) ? filebase64sha256(local.lambda_zip_path) : null
  handler          = "index.handler"
  runtime          = "nodejs22.x"
  architectures    = ["arm64"]
  memory_size      = var.lambda_memory_size
  timeout          = var.lambda_timeout
  # -1 is the provider's "no reservation".
  reserved_concurrent_executions = var.lambda_reserved_concurrency != null ? var.lambda_reserved_concurrency : -1
  kms_key_arn                    = local.kms_key_arn

  environment {
    variables = local.lambda_environment
  }

  dynamic "vpc_config" {
    for_each = var.vpc_config != null ? [var.vpc_config] : []
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = [aws_security_group.lambda[0].id]
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      # The Lambda refuses to start without a destination; fail the plan instead of every invocation.
      condition     = local.search_enabled || var.archive_enabled || contains(nonsensitive(keys(var.lambda_extra_environment)), "LOGFERRY_HTTP_URL")
      error_message = "The pipeline has no destination: set create_opensearch_domain or opensearch_endpoint, keep archive_enabled, or set LOGFERRY_HTTP_URL in lambda_extra_environment."
    }

    precondition {
      condition     = fileexists(local.lambda_zip_path)
      error_message = "The Lambda zip \"${local.lambda_zip_path}\" does not exist. Build it with `pnpm --filter @logferry/kinesis-lambda build` or set lambda_zip_path to the built zip."
    }
  }

  depends_on = [aws_cloudwatch_log_group.lambda, aws_iam_role_policy.lambda]
}

resource "aws_sqs_queue" "on_failure" {
  name                              = "${var.name}-on-failure"
  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = var.on_failure_queue_retention_seconds
  tags                              = var.tags
}

resource "aws_sqs_queue_policy" "on_failure" {
  queue_url = aws_sqs_queue.on_failure.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "sqs:*"
        Resource  = aws_sqs_queue.on_failure.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn                   = aws_kinesis_stream.this.arn
  function_name                      = aws_lambda_function.this.arn
  starting_position                  = var.starting_position
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds
  parallelization_factor             = var.parallelization_factor

  # The function reports the sequence numbers it could not deliver; Lambda retries from there,
  # splits failing batches to isolate poison records, and gives up within bounded limits by
  # sending the batch description to the on-failure queue instead of blocking the shard.
  function_response_types        = ["ReportBatchItemFailures"]
  bisect_batch_on_function_error = true
  maximum_retry_attempts         = var.maximum_retry_attempts
  maximum_record_age_in_seconds  = var.maximum_record_age_in_seconds

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.on_failure.arn
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.lambda]
}
