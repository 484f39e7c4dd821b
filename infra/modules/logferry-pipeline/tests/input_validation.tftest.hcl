# Inputs that would make the pipeline unsafe or unreliable are rejected at plan time, each by the
# validation (or precondition) named in expect_failures.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name                     = "logferry-seed"
  log_group_names          = ["foo", "bar", "baz"]
  create_opensearch_domain = true
  lambda_zip_path          = "../../tests/fixtures/lambda.zip"
}

run "valid_inputs_plan_cleanly" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_log_subscription_filter.this) == 3
    error_message = "The baseline inputs of this file must plan without errors (otherwise the failures below prove nothing)."
  }
}

run "rejects_subscribing_the_lambdas_own_log_group" {
  command = plan

  variables {
    log_group_names = ["foo", "/aws/lambda/logferry-seed"]
  }

  expect_failures = [var.log_group_names]
}

run "rejects_infinite_retries" {
  command = plan

  variables {
    maximum_retry_attempts = -1
  }

  expect_failures = [var.maximum_retry_attempts]
}

run "rejects_unbounded_record_age" {
  command = plan

  variables {
    maximum_record_age_in_seconds = -1
  }

  expect_failures = [var.maximum_record_age_in_seconds]
}

run "rejects_a_record_age_beyond_the_stream_retention" {
  command = plan

  variables {
    kinesis_retention_period_hours = 24
    maximum_record_age_in_seconds  = 172800
  }

  expect_failures = [var.maximum_record_age_in_seconds]
}

run "rejects_log_groups_that_never_expire" {
  command = plan

  variables {
    log_group_retention_in_days = 0
  }

  expect_failures = [var.log_group_retention_in_days]
}

run "rejects_a_tls_1_0_policy" {
  command = plan

  variables {
    opensearch_tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }

  expect_failures = [var.opensearch_tls_security_policy]
}

run "rejects_a_wildcard_reader_principal" {
  command = plan

  variables {
    opensearch_reader_principal_arns = ["*"]
  }

  expect_failures = [var.opensearch_reader_principal_arns]
}

run "rejects_a_plain_http_endpoint" {
  command = plan

  variables {
    create_opensearch_domain = false
    opensearch_endpoint      = "http://search-logs.eu-west-1.es.amazonaws.com"
    opensearch_domain_arn    = "arn:aws:es:eu-west-1:111122223333:domain/logs"
  }

  expect_failures = [var.opensearch_endpoint]
}

run "rejects_an_endpoint_without_a_resource_arn_to_scope_iam" {
  command = plan

  variables {
    create_opensearch_domain = false
    opensearch_endpoint      = "https://search-logs.eu-west-1.es.amazonaws.com"
  }

  expect_failures = [var.opensearch_endpoint]
}

run "rejects_creating_a_domain_and_using_an_endpoint_at_once" {
  command = plan

  variables {
    opensearch_endpoint   = "https://search-logs.eu-west-1.es.amazonaws.com"
    opensearch_domain_arn = "arn:aws:es:eu-west-1:111122223333:domain/logs"
  }

  expect_failures = [var.opensearch_endpoint]
}

run "rejects_a_domain_arn_with_a_path" {
  command = plan

  variables {
    create_opensearch_domain = false
    opensearch_endpoint      = "https://search-logs.eu-west-1.es.amazonaws.com"
    opensearch_domain_arn    = "arn:aws:es:eu-west-1:111122223333:domain/logs/*"
  }

  expect_failures = [var.opensearch_domain_arn]
}

run "rejects_bringing_a_bucket_without_naming_it" {
  command = plan

  variables {
    create_s3_bucket = false
  }

  expect_failures = [var.s3_bucket_name]
}

run "rejects_overlapping_archive_and_dead_letter_prefixes" {
  command = plan

  variables {
    archive_prefix     = "logs"
    dead_letter_prefix = "logs/dead"
  }

  expect_failures = [var.dead_letter_prefix]
}

run "rejects_a_standard_ia_transition_before_30_days" {
  command = plan

  variables {
    archive_transition_to_ia_days = 7
  }

  expect_failures = [var.archive_transition_to_ia_days]
}

run "rejects_an_archive_expiry_before_its_transitions" {
  command = plan

  variables {
    archive_expiration_days = 60
  }

  expect_failures = [var.archive_expiration_days]
}

run "rejects_extra_environment_that_overrides_managed_settings" {
  command = plan

  variables {
    lambda_extra_environment = { LOGFERRY_ELASTICSEARCH_URL = "https://elsewhere.example.com" }
  }

  expect_failures = [var.lambda_extra_environment]
}

run "rejects_unknown_logferry_variables" {
  command = plan

  variables {
    lambda_extra_environment = { LOGFERRY_HTTP_URLS = "https://intake.example.com" }
  }

  expect_failures = [var.lambda_extra_environment]
}

run "rejects_basic_auth_without_credentials" {
  command = plan

  variables {
    create_opensearch_domain = false
    opensearch_endpoint      = "https://logs.es.example.com"
    opensearch_auth          = "basic"
    lambda_extra_environment = { LOGFERRY_ELASTICSEARCH_USERNAME = "shipper" }
  }

  expect_failures = [var.lambda_extra_environment]
}

run "rejects_search_credentials_without_a_search_destination" {
  command = plan

  variables {
    create_opensearch_domain = false
    lambda_extra_environment = { LOGFERRY_SIGV4_REGION = "eu-west-1" }
  }

  expect_failures = [var.lambda_extra_environment]
}

run "rejects_a_domain_arn_without_an_endpoint" {
  command = plan

  variables {
    opensearch_domain_arn = "arn:aws:es:eu-west-1:111122223333:domain/logs"
  }

  expect_failures = [var.opensearch_endpoint]
}

run "rejects_a_collection_arn_together_with_a_domain_arn" {
  command = plan

  variables {
    create_opensearch_domain             = false
    opensearch_endpoint                  = "https://abcdefghij0123456789.eu-west-1.aoss.amazonaws.com"
    opensearch_domain_arn                = "arn:aws:es:eu-west-1:111122223333:domain/logs"
    opensearch_serverless_collection_arn = "arn:aws:aoss:eu-west-1:111122223333:collection/abcdefghij0123456789"
  }

  expect_failures = [var.opensearch_serverless_collection_arn]
}

run "rejects_non_iam_auth_for_a_created_domain" {
  command = plan

  variables {
    opensearch_auth = "none"
  }

  expect_failures = [var.opensearch_auth]
}

run "rejects_an_index_template_together_with_a_data_stream" {
  command = plan

  variables {
    lambda_index_template = "logs-{yyyy.MM.dd}"
    lambda_data_stream    = "logs-cloudwatch"
  }

  expect_failures = [var.lambda_data_stream]
}

run "rejects_an_unknown_elasticsearch_compression" {
  command = plan

  variables {
    lambda_elasticsearch_compression = "brotli"
  }

  expect_failures = [var.lambda_elasticsearch_compression]
}

run "rejects_a_retry_budget_longer_than_the_timeout" {
  command = plan

  variables {
    lambda_timeout         = 60
    lambda_retry_budget_ms = 120000
  }

  expect_failures = [var.lambda_retry_budget_ms]
}

run "refuses_to_plan_a_pipeline_without_a_destination" {
  command = plan

  variables {
    create_opensearch_domain = false
    archive_enabled          = false
  }

  expect_failures = [aws_lambda_function.this]
}

run "rejects_an_instance_type_without_encryption_at_rest" {
  command = plan

  variables {
    opensearch_instance_type = "t2.small.search"
  }

  expect_failures = [var.opensearch_instance_type]
}

run "rejects_names_opensearch_cannot_use" {
  command = plan

  variables {
    name = "Logferry_Seed"
  }

  expect_failures = [var.name]
}

run "refuses_to_plan_a_deployment_without_the_lambda_zip" {
  command = plan

  variables {
    lambda_zip_path = "../../tests/fixtures/does-not-exist.zip"
  }

  expect_failures = [aws_lambda_function.this]
}
