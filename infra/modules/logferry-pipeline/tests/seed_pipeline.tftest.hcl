# The seed's deployment (log groups foo, bar and baz shipped to a new OpenSearch domain with an S3
# archive), applied against a mocked AWS provider. Each run checks one family of security or
# reliability properties of what would be created.

mock_provider "aws" {
  source = "./tests/mocks"
}

# Distinct ARNs per role and a stream ARN that matches its name, so policies can be checked for
# pointing at the right resource rather than at "some role".
override_resource {
  target = aws_iam_role.lambda
  values = { arn = "arn:aws:iam::111122223333:role/logferry-seed-lambda" }
}

override_resource {
  target = aws_iam_role.cloudwatch_logs
  values = { arn = "arn:aws:iam::111122223333:role/logferry-seed-cloudwatch-logs-to-kinesis" }
}

override_resource {
  target = aws_kinesis_stream.this
  values = { arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/logferry-seed" }
}

variables {
  name                             = "logferry-seed"
  log_group_names                  = ["foo", "bar", "baz"]
  create_opensearch_domain         = true
  lambda_zip_path                  = "../../tests/fixtures/lambda.zip"
  opensearch_reader_principal_arns = ["arn:aws:iam::111122223333:role/log-readers"]
  alarm_email_addresses            = ["oncall@example.com"]
  tags                             = { project = "logferry", environment = "test" }
}

run "every_component_is_encrypted_with_the_pipeline_key" {
  command = apply

  assert {
    condition     = length(aws_kms_key.this) == 1 && aws_kms_key.this[0].enable_key_rotation == true
    error_message = "The module must create one customer-managed KMS key with automatic rotation enabled."
  }

  assert {
    condition     = aws_kinesis_stream.this.encryption_type == "KMS" && aws_kinesis_stream.this.kms_key_id == aws_kms_key.this[0].arn
    error_message = "The Kinesis stream must use server-side encryption with the pipeline KMS key."
  }

  assert {
    condition     = aws_sqs_queue.on_failure.kms_master_key_id == aws_kms_key.this[0].arn
    error_message = "The on-failure SQS queue must be encrypted with the pipeline KMS key."
  }

  assert {
    condition     = aws_sns_topic.alarms[0].kms_master_key_id == aws_kms_key.this[0].arn
    error_message = "The alarm SNS topic must be encrypted with the pipeline KMS key."
  }

  assert {
    condition = length(concat(values(aws_cloudwatch_log_group.shipped), [aws_cloudwatch_log_group.lambda], values(aws_cloudwatch_log_group.opensearch))) == 7 && alltrue([
      for log_group in concat(values(aws_cloudwatch_log_group.shipped), [aws_cloudwatch_log_group.lambda], values(aws_cloudwatch_log_group.opensearch)) :
      log_group.kms_key_id == aws_kms_key.this[0].arn
    ])
    error_message = "All 7 log groups (foo, bar, baz, the Lambda's, 3 OpenSearch log groups) must be encrypted with the pipeline KMS key."
  }

  assert {
    condition = alltrue([
      for rule in aws_s3_bucket_server_side_encryption_configuration.this[0].rule :
      rule.bucket_key_enabled == true && alltrue([
        for default in rule.apply_server_side_encryption_by_default :
        default.sse_algorithm == "aws:kms" && default.kms_master_key_id == aws_kms_key.this[0].arn
      ])
    ]) && length(aws_s3_bucket_server_side_encryption_configuration.this[0].rule) == 1
    error_message = "The bucket must default to SSE-KMS with the pipeline key and an S3 bucket key."
  }

  assert {
    condition     = aws_opensearch_domain.this[0].encrypt_at_rest[0].enabled == true && aws_opensearch_domain.this[0].encrypt_at_rest[0].kms_key_id == aws_kms_key.this[0].arn
    error_message = "The OpenSearch domain must encrypt data at rest with the pipeline KMS key."
  }

  assert {
    condition     = aws_opensearch_domain.this[0].node_to_node_encryption[0].enabled == true
    error_message = "The OpenSearch domain must encrypt node-to-node traffic."
  }

  assert {
    condition     = aws_opensearch_domain.this[0].domain_endpoint_options[0].enforce_https == true && aws_opensearch_domain.this[0].domain_endpoint_options[0].tls_security_policy == "Policy-Min-TLS-1-2-PFS-2023-10"
    error_message = "The OpenSearch domain must enforce HTTPS with the TLS 1.2+ PFS policy."
  }

  assert {
    condition     = aws_lambda_function.this.kms_key_arn == aws_kms_key.this[0].arn
    error_message = "The Lambda environment must be encrypted with the pipeline KMS key."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["LOGFERRY_S3_KMS_KEY_ID"] == aws_kms_key.this[0].arn
    error_message = "The Lambda must write archive and dead-letter objects with SSE-KMS under the pipeline key (LOGFERRY_S3_KMS_KEY_ID)."
  }
}

run "kms_key_policy_scopes_service_access" {
  command = apply

  assert {
    condition = one([
      for statement in jsondecode(aws_kms_key.this[0].policy).Statement : statement
      if try(statement.Principal.Service, "") == "logs.eu-west-1.amazonaws.com"
      ]).Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"] == "arn:aws:logs:eu-west-1:111122223333:log-group:*" && length(keys(one([
        for statement in jsondecode(aws_kms_key.this[0].policy).Statement : statement
        if try(statement.Principal.Service, "") == "logs.eu-west-1.amazonaws.com"
    ]).Condition)) == 1
    error_message = "CloudWatch Logs may use the key only under kms:EncryptionContext:aws:logs:arn ArnLike this account's and region's log groups."
  }

  assert {
    condition = [
      for statement in jsondecode(aws_kms_key.this[0].policy).Statement : statement.Principal
      if anytrue([for action in flatten([statement.Action]) : strcontains(action, "*")])
    ] == [{ AWS = "arn:aws:iam::111122223333:root" }]
    error_message = "The only key policy statement with a wildcard action must be the account-root IAM delegation (so other services use the key through IAM roles only)."
  }

  assert {
    condition = one([
      for statement in jsondecode(aws_kms_key.this[0].policy).Statement : statement
      if try(statement.Principal.Service, "") == "cloudwatch.amazonaws.com"
      ]).Condition == {
      StringEquals = { "aws:SourceAccount" = "111122223333" }
      ArnLike      = { "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:logferry-seed-*" }
    }
    error_message = "CloudWatch (alarm notifications) may use the key only for this pipeline's alarms in this account."
  }

  assert {
    condition = toset(flatten([
      for statement in jsondecode(aws_kms_key.this[0].policy).Statement : [for principal_type, principal in statement.Principal : flatten([principal])]
    ])) == toset(["arn:aws:iam::111122223333:root", "logs.eu-west-1.amazonaws.com", "cloudwatch.amazonaws.com"])
    error_message = "The key policy must name only the account root and the CloudWatch Logs and CloudWatch service principals."
  }
}

run "no_wildcard_actions_and_no_public_principals" {
  command = apply

  assert {
    condition = alltrue(flatten([
      for policy in [
        aws_iam_role_policy.lambda.policy,
        aws_iam_role_policy.cloudwatch_logs.policy,
        aws_iam_role.lambda.assume_role_policy,
        aws_iam_role.cloudwatch_logs.assume_role_policy,
        aws_opensearch_domain_policy.this[0].access_policies,
        aws_sns_topic_policy.alarms[0].policy,
        aws_cloudwatch_log_resource_policy.opensearch[0].policy_document,
        ] : [
        for statement in jsondecode(policy).Statement : [
          for action in flatten([statement.Action]) : !strcontains(action, "*")
        ]
      ]
    ]))
    error_message = "IAM role policies, trust policies and the domain, topic and log resource policies must list explicit actions (no '*' in any Action)."
  }

  assert {
    condition = alltrue(flatten([
      for policy in [aws_iam_role_policy.lambda.policy, aws_iam_role_policy.cloudwatch_logs.policy] : [
        for statement in jsondecode(policy).Statement : !contains(flatten([statement.Resource]), "*")
      ]
    ]))
    error_message = "Without VPC placement, no statement of the Lambda or CloudWatch Logs role may apply to Resource '*'."
  }

  assert {
    condition = alltrue(flatten([
      for policy in [
        aws_kms_key.this[0].policy,
        aws_opensearch_domain_policy.this[0].access_policies,
        aws_sns_topic_policy.alarms[0].policy,
        aws_cloudwatch_log_resource_policy.opensearch[0].policy_document,
        aws_iam_role.lambda.assume_role_policy,
        aws_iam_role.cloudwatch_logs.assume_role_policy,
        ] : [
        for statement in jsondecode(policy).Statement : !strcontains(jsonencode(statement.Principal), "\"*\"")
      ]
    ]))
    error_message = "No key, domain, topic, log resource or trust policy statement may have Principal \"*\"."
  }

  assert {
    condition = alltrue(flatten([
      for policy in [aws_s3_bucket_policy.this[0].policy, aws_sqs_queue_policy.on_failure.policy] : [
        for statement in jsondecode(policy).Statement :
        statement.Effect == "Deny" && statement.Principal == "*" && statement.Condition == { Bool = { "aws:SecureTransport" = "false" } }
        if strcontains(jsonencode(statement.Principal), "\"*\"")
      ]
      ])) && length([
      for statement in jsondecode(aws_s3_bucket_policy.this[0].policy).Statement : statement
      if statement.Effect == "Deny" && statement.Principal == "*" && statement.Action == "s3:*" && try(statement.Condition.Bool["aws:SecureTransport"], "") == "false"
    ]) == 1
    error_message = "In the bucket and queue policies, Principal \"*\" may appear only on the Deny statement conditioned on aws:SecureTransport = false; the bucket must have exactly one such TLS-only statement."
  }

  assert {
    condition = jsondecode(aws_opensearch_domain_policy.this[0].access_policies).Statement == [
      {
        Sid       = "PipelineLambdaWritesOnly"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/logferry-seed-lambda" }
        Action    = ["es:ESHttpPost", "es:ESHttpPut", "es:ESHttpGet"]
        Resource  = "arn:aws:es:eu-west-1:111122223333:domain/logferry-seed/*"
      },
      {
        Sid       = "NamedReadersSearchOnly"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::111122223333:role/log-readers"] }
        Action    = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost"]
        Resource  = "arn:aws:es:eu-west-1:111122223333:domain/logferry-seed/*"
      },
    ]
    error_message = "The domain access policy must allow only the Lambda role (write) and the named readers (search) on this domain."
  }

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this[0].block_public_acls,
      aws_s3_bucket_public_access_block.this[0].block_public_policy,
      aws_s3_bucket_public_access_block.this[0].ignore_public_acls,
      aws_s3_bucket_public_access_block.this[0].restrict_public_buckets,
    ])
    error_message = "All four S3 public access block flags must be on."
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.this[0].rule[0].object_ownership == "BucketOwnerEnforced" && aws_s3_bucket_versioning.this[0].versioning_configuration[0].status == "Enabled"
    error_message = "The bucket must enforce bucket-owner object ownership (ACLs off) and be versioned."
  }
}

run "lambda_role_is_least_privilege" {
  command = apply

  assert {
    condition = { for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : statement.Sid => [flatten([statement.Action]), flatten([statement.Resource])] } == {
      WriteOwnLogGroupOnly = [
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/logferry-seed:*"],
      ]
      ReadThePipelineStreamOnly = [
        ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard"],
        ["arn:aws:kinesis:eu-west-1:111122223333:stream/logferry-seed"],
      ]
      UseThePipelineKeyOnly = [
        ["kms:Decrypt", "kms:GenerateDataKey"],
        ["arn:aws:kms:eu-west-1:111122223333:key/2f5c1a9e-0b7d-4c1e-9a51-3d7f0c2e8b14"],
      ]
      SendFailedBatchesToTheOnFailureQueueOnly = [
        ["sqs:SendMessage"],
        ["arn:aws:sqs:eu-west-1:111122223333:mock-on-failure"],
      ]
      PutArchiveAndDeadLetterObjectsOnly = [
        ["s3:PutObject"],
        ["arn:aws:s3:::logferry-seed-111122223333-eu-west-1/archive/*", "arn:aws:s3:::logferry-seed-111122223333-eu-west-1/dead-letter/*"],
      ]
      WriteToTheSearchDomainOnly = [
        ["es:ESHttpPost", "es:ESHttpPut", "es:ESHttpGet"],
        ["arn:aws:es:eu-west-1:111122223333:domain/logferry-seed/*"],
      ]
    }
    error_message = "The Lambda role must hold exactly: own log group writes, stream reads, key use, SQS send, s3:PutObject on the two prefixes, es:ESHttp{Post,Put,Get} on the domain — each on its one resource."
  }

  assert {
    condition     = alltrue([for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : statement.Effect == "Allow"]) && aws_iam_role_policy.lambda.role == aws_iam_role.lambda.id
    error_message = "The least-privilege policy must be attached to the Lambda role."
  }

  assert {
    condition = jsondecode(aws_iam_role.lambda.assume_role_policy).Statement == [{
      Sid       = "LambdaOfThisAccountOnly"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
    error_message = "Only the Lambda service acting for this account may assume the Lambda role."
  }
}

run "subscriptions_go_to_one_stream_through_a_confused_deputy_safe_role" {
  command = apply

  assert {
    condition = sort(keys(aws_cloudwatch_log_subscription_filter.this)) == tolist(["bar", "baz", "foo"]) && alltrue([
      for filter in values(aws_cloudwatch_log_subscription_filter.this) :
      filter.destination_arn == aws_kinesis_stream.this.arn && filter.role_arn == aws_iam_role.cloudwatch_logs.arn && filter.log_group_name == aws_cloudwatch_log_group.shipped[filter.log_group_name].name
    ])
    error_message = "foo, bar and baz must each have one subscription filter into the one Kinesis stream through the CloudWatch Logs role."
  }

  assert {
    condition     = !contains([for filter in values(aws_cloudwatch_log_subscription_filter.this) : filter.log_group_name], aws_cloudwatch_log_group.lambda.name) && aws_cloudwatch_log_group.lambda.name == "/aws/lambda/logferry-seed"
    error_message = "The Lambda's own log group /aws/lambda/logferry-seed must never be subscribed."
  }

  assert {
    condition = jsondecode(aws_iam_role.cloudwatch_logs.assume_role_policy).Statement == [{
      Sid       = "CloudWatchLogsOfThisAccountAndRegionOnly"
      Effect    = "Allow"
      Principal = { Service = "logs.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringLike = { "aws:SourceArn" = "arn:aws:logs:eu-west-1:111122223333:*" } }
    }]
    error_message = "The CloudWatch Logs role trust policy must require aws:SourceArn like arn:aws:logs:<region>:<account>:* (confused-deputy protection)."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.cloudwatch_logs.policy).Statement == [
      {
        Sid      = "PutIntoThePipelineStreamOnly"
        Effect   = "Allow"
        Action   = ["kinesis:PutRecord", "kinesis:PutRecords"]
        Resource = "arn:aws:kinesis:eu-west-1:111122223333:stream/logferry-seed"
      },
      {
        Sid      = "EncryptRecordsWithThePipelineKey"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey"]
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/2f5c1a9e-0b7d-4c1e-9a51-3d7f0c2e8b14"
      },
    ]
    error_message = "The CloudWatch Logs role may only PutRecord/PutRecords on the pipeline stream and GenerateDataKey on the pipeline key."
  }

  assert {
    condition     = aws_kinesis_stream.this.stream_mode_details[0].stream_mode == "ON_DEMAND" && aws_kinesis_stream.this.shard_count == null && aws_kinesis_stream.this.retention_period == 24
    error_message = "By default the stream must be on-demand (no shard count) with 24 h retention."
  }
}

run "failed_batches_are_bounded_and_never_lost_silently" {
  command = apply

  assert {
    condition     = aws_lambda_event_source_mapping.this.function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "The event source mapping must honour the Lambda's partial batch failure reports (ReportBatchItemFailures)."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.bisect_batch_on_function_error == true
    error_message = "The event source mapping must bisect failing batches to isolate poison records."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.maximum_retry_attempts == 10 && aws_lambda_event_source_mapping.this.maximum_record_age_in_seconds == 21600
    error_message = "Retries (10) and record age (6 h) must be bounded, never -1."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.destination_config[0].on_failure[0].destination_arn == aws_sqs_queue.on_failure.arn && aws_sqs_queue.on_failure.message_retention_seconds == 1209600
    error_message = "Batches that exhaust their retries must go to the on-failure SQS queue, which keeps them 14 days."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.event_source_arn == aws_kinesis_stream.this.arn && aws_lambda_event_source_mapping.this.function_name == aws_lambda_function.this.arn && aws_lambda_event_source_mapping.this.starting_position == "TRIM_HORIZON"
    error_message = "The mapping must read the pipeline stream from TRIM_HORIZON into the pipeline Lambda."
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "nodejs22.x" && aws_lambda_function.this.architectures == tolist(["arm64"]) && aws_lambda_function.this.handler == "index.handler" && aws_lambda_function.this.source_code_hash == filebase64sha256("../../tests/fixtures/lambda.zip")
    error_message = "The Lambda must run index.handler on nodejs22.x / arm64 from the given zip, with the zip's SHA-256 as source_code_hash."
  }

  assert {
    condition = aws_lambda_function.this.environment[0].variables == tomap({
      LOGFERRY_ELASTICSEARCH_URL  = "https://search-mock-domain-abcdefghijklmnop.eu-west-1.es.amazonaws.com"
      LOGFERRY_ELASTICSEARCH_AUTH = "aws-sigv4"
      LOGFERRY_JSON_MODE          = "namespace"
      LOGFERRY_ARCHIVE_BUCKET     = "logferry-seed-111122223333-eu-west-1"
      LOGFERRY_ARCHIVE_PREFIX     = "archive"
      LOGFERRY_DEAD_LETTER_BUCKET = "logferry-seed-111122223333-eu-west-1"
      LOGFERRY_DEAD_LETTER_PREFIX = "dead-letter"
      LOGFERRY_S3_KMS_KEY_ID      = "arn:aws:kms:eu-west-1:111122223333:key/2f5c1a9e-0b7d-4c1e-9a51-3d7f0c2e8b14"
    })
    error_message = "The Lambda environment must follow the contract: SigV4 to the domain over HTTPS, archive and dead letters in the pipeline bucket under their prefixes, SSE-KMS key."
  }
}

run "retention_and_lifecycle_are_bounded" {
  command = apply

  assert {
    condition = alltrue([
      for log_group in concat(values(aws_cloudwatch_log_group.shipped), [aws_cloudwatch_log_group.lambda], values(aws_cloudwatch_log_group.opensearch)) :
      log_group.retention_in_days == 30
    ])
    error_message = "Every log group the module creates must have a retention (30 days by default)."
  }

  assert {
    # Compared as JSON so typed nulls and empty collections compare by value.
    condition = jsonencode({
      for rule in aws_s3_bucket_lifecycle_configuration.this[0].rule : rule.id => {
        status     = rule.status
        transition = { for transition in rule.transition : transition.storage_class => transition.days }
        expiration = try(rule.expiration[0].days, null)
        abort      = try(rule.abort_incomplete_multipart_upload[0].days_after_initiation, null)
        noncurrent = try(rule.noncurrent_version_expiration[0].noncurrent_days, null)
      }
      }) == jsonencode({
      archive                            = { status = "Enabled", transition = { STANDARD_IA = 30, GLACIER = 90 }, expiration = 365, abort = null, noncurrent = null }
      dead-letter                        = { status = "Enabled", transition = {}, expiration = 90, abort = null, noncurrent = null }
      abort-incomplete-multipart-uploads = { status = "Enabled", transition = {}, expiration = null, abort = 7, noncurrent = null }
      expire-noncurrent-versions         = { status = "Enabled", transition = {}, expiration = null, abort = null, noncurrent = 30 }
    })
    error_message = "The bucket lifecycle must transition and expire the archive, expire dead letters, abort incomplete multipart uploads after 7 days and expire noncurrent versions after 30 days."
  }

  assert {
    # The two bucket-wide rules use an empty filter; the mock fills its prefix with noise, so only
    # the prefixed rules are compared here.
    condition = jsonencode({
      for rule in aws_s3_bucket_lifecycle_configuration.this[0].rule : rule.id => rule.filter[0].prefix
      if contains(["archive", "dead-letter"], rule.id)
    }) == jsonencode({ archive = "archive/", dead-letter = "dead-letter/" })
    error_message = "The archive and dead-letter lifecycle rules must apply to the archive/ and dead-letter/ prefixes."
  }
}

run "alarms_notify_an_encrypted_topic" {
  command = apply

  assert {
    condition = {
      for alarm in values(aws_cloudwatch_metric_alarm.this) : alarm.alarm_name => "${alarm.namespace}/${alarm.metric_name}/${alarm.statistic}>${alarm.threshold}"
      } == {
      "logferry-seed-kinesis-iterator-age"       = "AWS/Kinesis/GetRecords.IteratorAgeMilliseconds/Maximum>600000"
      "logferry-seed-lambda-errors"              = "AWS/Lambda/Errors/Sum>0"
      "logferry-seed-lambda-throttles"           = "AWS/Lambda/Throttles/Sum>0"
      "logferry-seed-on-failure-queue-not-empty" = "AWS/SQS/ApproximateNumberOfMessagesVisible/Maximum>0"
      "logferry-seed-dead-lettered"              = "Logferry/DeadLettered/Sum>0"
      "logferry-seed-handed-back"                = "Logferry/HandedBack/Sum>0"
    }
    error_message = "The six alarms (iterator age, Lambda errors, throttles, on-failure queue depth, DeadLettered, HandedBack) must exist with their metrics and thresholds."
  }

  assert {
    condition = alltrue([
      for alarm in values(aws_cloudwatch_metric_alarm.this) :
      alarm.alarm_actions == toset([aws_sns_topic.alarms[0].arn]) && alarm.ok_actions == toset([aws_sns_topic.alarms[0].arn]) && alarm.comparison_operator == "GreaterThanThreshold" && alarm.treat_missing_data == "notBreaching"
    ])
    error_message = "Every alarm must notify the alarm topic on ALARM and OK."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["dead-lettered"].dimensions == tomap({ FunctionName = "logferry-seed" }) && aws_cloudwatch_metric_alarm.this["kinesis-iterator-age"].dimensions == tomap({ StreamName = "logferry-seed" })
    error_message = "The Logferry/DeadLettered alarm must use the FunctionName dimension of the pipeline Lambda, and the iterator-age alarm the stream name."
  }

  assert {
    condition     = aws_sns_topic_subscription.alarm_email["oncall@example.com"].protocol == "email" && aws_sns_topic_subscription.alarm_email["oncall@example.com"].topic_arn == aws_sns_topic.alarms[0].arn
    error_message = "Each alarm e-mail address must be subscribed to the alarm topic."
  }

  assert {
    condition = one([
      for statement in jsondecode(aws_sns_topic_policy.alarms[0].policy).Statement : statement
      if try(statement.Principal.Service, "") == "cloudwatch.amazonaws.com"
      ]).Condition == {
      StringEquals = { "aws:SourceAccount" = "111122223333" }
      ArnLike      = { "aws:SourceArn" = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:logferry-seed-*" }
    }
    error_message = "Only this pipeline's alarms may publish to the topic as the CloudWatch service."
  }
}

run "opensearch_logs_and_tags" {
  command = apply

  assert {
    condition = {
      for option in aws_opensearch_domain.this[0].log_publishing_options : option.log_type => option.enabled
    } == { INDEX_SLOW_LOGS = true, SEARCH_SLOW_LOGS = true, ES_APPLICATION_LOGS = true }
    error_message = "The domain must publish index slow, search slow and application (error) logs."
  }

  assert {
    condition = jsondecode(aws_cloudwatch_log_resource_policy.opensearch[0].policy_document).Statement[0].Resource == [
      "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/logferry-seed/application:*",
      "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/logferry-seed/index-slow:*",
      "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/logferry-seed/search-slow:*",
      ] && jsondecode(aws_cloudwatch_log_resource_policy.opensearch[0].policy_document).Statement[0].Condition == {
      StringEquals = { "aws:SourceAccount" = "111122223333" }
      ArnLike      = { "aws:SourceArn" = "arn:aws:es:eu-west-1:111122223333:domain/logferry-seed" }
    }
    error_message = "The log resource policy must let only this domain write only its own three log groups."
  }

  assert {
    condition = alltrue([
      for tags in [
        aws_kms_key.this[0].tags, aws_kinesis_stream.this.tags, aws_lambda_function.this.tags, aws_sqs_queue.on_failure.tags,
        aws_sns_topic.alarms[0].tags, aws_s3_bucket.this[0].tags, aws_opensearch_domain.this[0].tags, aws_iam_role.lambda.tags,
        aws_iam_role.cloudwatch_logs.tags, aws_cloudwatch_log_group.lambda.tags, aws_lambda_event_source_mapping.this.tags,
        aws_cloudwatch_metric_alarm.this["lambda-errors"].tags,
      ] : tags == tomap({ project = "logferry", environment = "test" })
    ])
    error_message = "The tags variable must be applied to every taggable resource."
  }
}
