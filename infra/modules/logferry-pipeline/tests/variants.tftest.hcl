# Bring-your-own variants (key, log groups, endpoint, bucket), serverless, provisioned shards,
# VPC placement and disabled optional parts. Each run checks that the module then creates only
# what it should and still scopes every permission to the given resources.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                  = "logferry-byo"
  log_group_names       = ["/ecs/app", "/ecs/worker"]
  create_log_groups     = false
  kms_key_arn           = "arn:aws:kms:eu-west-1:111122223333:key/0b0c0d0e-1111-2222-3333-444455556666"
  opensearch_endpoint   = "search-logs-abc123.eu-west-1.es.amazonaws.com"
  opensearch_domain_arn = "arn:aws:es:eu-west-1:111122223333:domain/logs"
  create_s3_bucket      = false
  s3_bucket_name        = "company-log-archive"
  lambda_zip_path       = "../../tests/fixtures/lambda.zip"
}

run "existing_key_log_groups_endpoint_and_bucket" {
  command = apply

  assert {
    condition     = length(aws_kms_key.this) == 0 && length(aws_kms_alias.this) == 0 && aws_kinesis_stream.this.kms_key_id == var.kms_key_arn && aws_sqs_queue.on_failure.kms_master_key_id == var.kms_key_arn && aws_lambda_function.this.kms_key_arn == var.kms_key_arn && aws_cloudwatch_log_group.lambda.kms_key_id == var.kms_key_arn
    error_message = "With kms_key_arn given, no key is created and every component uses the given key."
  }

  assert {
    condition = length(aws_cloudwatch_log_group.shipped) == 0 && jsonencode({
      for key, filter in aws_cloudwatch_log_subscription_filter.this : key => filter.log_group_name
    }) == jsonencode({ "/ecs/app" = "/ecs/app", "/ecs/worker" = "/ecs/worker" })
    error_message = "Existing log groups are subscribed by name and not created."
  }

  assert {
    condition     = length(aws_opensearch_domain.this) == 0 && length(aws_opensearch_domain_policy.this) == 0 && length(aws_cloudwatch_log_group.opensearch) == 0 && length(aws_cloudwatch_log_resource_policy.opensearch) == 0
    error_message = "With an existing endpoint, no domain, domain policy or domain log groups are created."
  }

  assert {
    condition     = length(aws_s3_bucket.this) + length(aws_s3_bucket_policy.this) + length(aws_s3_bucket_lifecycle_configuration.this) + length(aws_s3_bucket_public_access_block.this) == 0
    error_message = "With create_s3_bucket = false, no bucket resources are created."
  }

  assert {
    condition = jsonencode(aws_lambda_function.this.environment[0].variables) == jsonencode({
      LOGFERRY_ARCHIVE_BUCKET     = "company-log-archive"
      LOGFERRY_ARCHIVE_PREFIX     = "archive"
      LOGFERRY_DEAD_LETTER_BUCKET = "company-log-archive"
      LOGFERRY_DEAD_LETTER_PREFIX = "dead-letter"
      LOGFERRY_ELASTICSEARCH_AUTH = "aws-sigv4"
      LOGFERRY_ELASTICSEARCH_URL  = "https://search-logs-abc123.eu-west-1.es.amazonaws.com"
      LOGFERRY_JSON_MODE          = "namespace"
      LOGFERRY_S3_KMS_KEY_ID      = "arn:aws:kms:eu-west-1:111122223333:key/0b0c0d0e-1111-2222-3333-444455556666"
    })
    error_message = "A bare endpoint host becomes an https:// URL; the given bucket and key are passed to the Lambda."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "LOGFERRY_ELASTICSEARCH_COMPRESSION")
    error_message = "With the default lambda_elasticsearch_compression (\"auto\"), LOGFERRY_ELASTICSEARCH_COMPRESSION must be left unset: the Lambda's own default is auto."
  }

  assert {
    condition = jsonencode({ for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : statement.Sid => statement.Resource if contains(["WriteToTheSearchDomainOnly", "PutArchiveAndDeadLetterObjectsOnly", "UseThePipelineKeyOnly"], statement.Sid) }) == jsonencode({
      PutArchiveAndDeadLetterObjectsOnly = ["arn:aws:s3:::company-log-archive/archive/*", "arn:aws:s3:::company-log-archive/dead-letter/*"]
      UseThePipelineKeyOnly              = "arn:aws:kms:eu-west-1:111122223333:key/0b0c0d0e-1111-2222-3333-444455556666"
      WriteToTheSearchDomainOnly         = "arn:aws:es:eu-west-1:111122223333:domain/logs/*"
    })
    error_message = "The Lambda's S3, KMS and es permissions must be scoped to the given bucket prefixes, key and domain."
  }

  assert {
    condition     = output.opensearch_url == "https://search-logs-abc123.eu-west-1.es.amazonaws.com" && output.opensearch_dashboards_url == null && output.archive_s3_uri == "s3://company-log-archive/archive/"
    error_message = "Outputs must describe the given endpoint and bucket."
  }
}

run "serverless_collection_gets_aoss_on_that_collection_only" {
  command = apply

  variables {
    opensearch_endpoint                  = "https://abcdefghij0123456789.eu-west-1.aoss.amazonaws.com"
    opensearch_domain_arn                = null
    opensearch_serverless_collection_arn = "arn:aws:aoss:eu-west-1:111122223333:collection/abcdefghij0123456789"
    lambda_document_ids                  = "none"
  }

  assert {
    condition = jsonencode([for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : [statement.Action, statement.Resource] if anytrue([for action in flatten([statement.Action]) : startswith(action, "es:") || startswith(action, "aoss:")])]) == jsonencode([
      [["aoss:APIAccessAll"], "arn:aws:aoss:eu-west-1:111122223333:collection/abcdefghij0123456789"],
    ])
    error_message = "A serverless endpoint gets aoss:APIAccessAll on its collection only, and no es: permissions."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["LOGFERRY_SIGV4_SERVICE"] == "aoss"
    error_message = "A serverless endpoint must be signed for the aoss service."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["LOGFERRY_DOCUMENT_IDS"] == "none"
    error_message = "A time-series collection needs documents without _id: lambda_document_ids = \"none\" must reach the Lambda."
  }
}

run "uncompressed_search_requests_reach_the_lambda" {
  command = apply

  variables {
    lambda_elasticsearch_compression = "none"
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["LOGFERRY_ELASTICSEARCH_COMPRESSION"] == "none"
    error_message = "lambda_elasticsearch_compression = \"none\" must reach the Lambda as LOGFERRY_ELASTICSEARCH_COMPRESSION=none."
  }
}

run "basic_auth_gets_no_aws_search_permissions_even_with_a_domain_arn" {
  command = apply

  # A domain with fine-grained access control and an internal user: IAM plays no part, so the
  # Lambda role must not be granted es: actions just because the domain ARN is known.
  variables {
    opensearch_auth = "basic"
    lambda_extra_environment = {
      LOGFERRY_ELASTICSEARCH_USERNAME = "shipper"
      LOGFERRY_ELASTICSEARCH_PASSWORD = "correct-horse-battery-staple"
    }
  }

  assert {
    condition     = !anytrue([for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : anytrue([for action in flatten([statement.Action]) : startswith(action, "es:") || startswith(action, "aoss:")])])
    error_message = "A non-IAM auth mode must not give the Lambda role any es: or aoss: permission."
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["LOGFERRY_ELASTICSEARCH_AUTH"] == "basic" && aws_lambda_function.this.environment[0].variables["LOGFERRY_ELASTICSEARCH_USERNAME"] == "shipper" && aws_lambda_function.this.environment[0].variables["LOGFERRY_ELASTICSEARCH_URL"] == "https://search-logs-abc123.eu-west-1.es.amazonaws.com"
    error_message = "The Lambda must get the basic auth mode, the credentials (KMS-encrypted at rest) and the endpoint URL."
  }
}

run "elasticsearch_with_an_api_key_gets_the_key" {
  command = apply

  variables {
    opensearch_endpoint      = "https://logs.es.eu-west-1.aws.elastic-cloud.com:443"
    opensearch_domain_arn    = null
    opensearch_auth          = "api-key"
    lambda_extra_environment = { LOGFERRY_ELASTICSEARCH_API_KEY = "bXkta2V5OnNlY3JldA==" }
  }

  assert {
    condition     = aws_lambda_function.this.environment[0].variables["LOGFERRY_ELASTICSEARCH_AUTH"] == "api-key" && aws_lambda_function.this.environment[0].variables["LOGFERRY_ELASTICSEARCH_API_KEY"] == "bXkta2V5OnNlY3JldA==" && aws_lambda_function.this.environment[0].variables["LOGFERRY_ELASTICSEARCH_URL"] == "https://logs.es.eu-west-1.aws.elastic-cloud.com:443"
    error_message = "The Lambda must get the api-key auth mode, the key (KMS-encrypted at rest) and the endpoint URL."
  }
}

run "provisioned_stream_uses_the_given_shards" {
  command = apply

  variables {
    kinesis_stream_mode            = "PROVISIONED"
    kinesis_shard_count            = 4
    kinesis_retention_period_hours = 72
    maximum_record_age_in_seconds  = 86400
  }

  assert {
    condition     = aws_kinesis_stream.this.stream_mode_details[0].stream_mode == "PROVISIONED" && aws_kinesis_stream.this.shard_count == 4 && aws_kinesis_stream.this.retention_period == 72
    error_message = "A provisioned stream must have the requested shard count and retention."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.this.maximum_record_age_in_seconds == 86400
    error_message = "The mapping must use the requested record age."
  }
}

run "archive_disabled_keeps_dead_letters_only" {
  command = apply

  variables {
    archive_enabled = false
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "LOGFERRY_ARCHIVE_BUCKET") && aws_lambda_function.this.environment[0].variables["LOGFERRY_DEAD_LETTER_BUCKET"] == "company-log-archive"
    error_message = "With the archive disabled the Lambda must get no archive bucket but keep the dead-letter store."
  }

  assert {
    condition     = jsonencode(one([for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : statement.Resource if statement.Sid == "PutArchiveAndDeadLetterObjectsOnly"])) == jsonencode(["arn:aws:s3:::company-log-archive/dead-letter/*"])
    error_message = "With the archive disabled the Lambda may only put dead-letter objects."
  }
}

run "archive_only_pipeline_sets_no_search_settings" {
  command = apply

  variables {
    opensearch_endpoint    = null
    opensearch_domain_arn  = null
    lambda_retry_budget_ms = 60000
    # A search setting the Lambda would reject without LOGFERRY_ELASTICSEARCH_URL.
    lambda_elasticsearch_compression = "none"
  }

  assert {
    # The Lambda rejects LOGFERRY_JSON_MODE, _AUTH and the other search settings without a URL.
    condition = jsonencode(aws_lambda_function.this.environment[0].variables) == jsonencode({
      LOGFERRY_ARCHIVE_BUCKET     = "company-log-archive"
      LOGFERRY_ARCHIVE_PREFIX     = "archive"
      LOGFERRY_DEAD_LETTER_BUCKET = "company-log-archive"
      LOGFERRY_DEAD_LETTER_PREFIX = "dead-letter"
      LOGFERRY_RETRY_BUDGET_MS    = "60000"
      LOGFERRY_S3_KMS_KEY_ID      = "arn:aws:kms:eu-west-1:111122223333:key/0b0c0d0e-1111-2222-3333-444455556666"
    })
    error_message = "Without a search destination the Lambda must get only the S3 settings (and the retry budget), no search settings."
  }

  assert {
    condition     = !anytrue([for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : anytrue([for action in flatten([statement.Action]) : startswith(action, "es:") || startswith(action, "aoss:")])]) && output.opensearch_url == null
    error_message = "Without a search destination the Lambda role gets no search permission."
  }
}

run "alarms_disabled_creates_no_topic" {
  command = apply

  variables {
    alarms_enabled = false
  }

  assert {
    condition     = length(aws_sns_topic.alarms) == 0 && length(aws_cloudwatch_metric_alarm.this) == 0 && output.alarm_topic_arn == null
    error_message = "alarms_enabled = false must create neither topic nor alarms."
  }
}

run "vpc_placement_lets_only_the_lambda_reach_the_domain" {
  command = apply

  variables {
    create_opensearch_domain           = true
    opensearch_endpoint                = null
    opensearch_domain_arn              = null
    opensearch_instance_count          = 2
    opensearch_zone_awareness_az_count = 2
    vpc_config = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-aaaa", "subnet-bbbb", "subnet-cccc"]
    }
  }

  override_resource {
    target = aws_security_group.lambda
    values = { id = "sg-0000000000000001a" }
  }

  override_resource {
    target = aws_security_group.opensearch
    values = { id = "sg-0000000000000002b" }
  }

  assert {
    condition     = aws_opensearch_domain.this[0].vpc_options[0].subnet_ids == toset(["subnet-aaaa", "subnet-bbbb"]) && aws_opensearch_domain.this[0].vpc_options[0].security_group_ids == toset(["sg-0000000000000002b"])
    error_message = "A zone-aware domain must sit in one subnet per zone behind its own security group."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.opensearch_from_lambda[0].security_group_id == "sg-0000000000000002b" && aws_vpc_security_group_ingress_rule.opensearch_from_lambda[0].referenced_security_group_id == "sg-0000000000000001a" && aws_vpc_security_group_ingress_rule.opensearch_from_lambda[0].from_port == 443 && aws_vpc_security_group_ingress_rule.opensearch_from_lambda[0].to_port == 443
    error_message = "The domain must accept HTTPS only from the Lambda's security group."
  }

  assert {
    condition     = aws_lambda_function.this.vpc_config[0].subnet_ids == toset(["subnet-aaaa", "subnet-bbbb", "subnet-cccc"]) && aws_lambda_function.this.vpc_config[0].security_group_ids == toset(["sg-0000000000000001a"])
    error_message = "The Lambda must run in the given subnets with its own security group."
  }

  assert {
    condition = jsonencode([
      for statement in jsondecode(aws_iam_role_policy.lambda.policy).Statement : statement.Sid if contains(flatten([statement.Resource]), "*")
    ]) == jsonencode(["ManageVpcNetworkInterfaces"])
    error_message = "Only the EC2 network-interface statement (which AWS cannot scope) may apply to Resource '*'."
  }
}
