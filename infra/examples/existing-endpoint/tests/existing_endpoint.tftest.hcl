# Plans the example against the mocked provider: an existing domain is used, not created, and
# the Lambda is pointed at it.

mock_provider "aws" {
  source = "../../modules/logferry-pipeline/tests/mocks"
}

variables {
  opensearch_endpoint   = "https://search-logs-abc123.eu-west-1.es.amazonaws.com"
  opensearch_domain_arn = "arn:aws:es:eu-west-1:111122223333:domain/logs"
  log_group_names       = ["/ecs/app"]
  lambda_zip_path       = "../../tests/fixtures/lambda.zip"
}

run "ships_to_the_given_endpoint" {
  command = apply

  assert {
    condition     = output.opensearch_url == "https://search-logs-abc123.eu-west-1.es.amazonaws.com"
    error_message = "The example must ship to the given endpoint."
  }

  assert {
    condition     = output.lambda_role_arn == "arn:aws:iam::111122223333:role/mock-role" && output.archive_s3_uri == "s3://logferry-111122223333-eu-west-1/archive/"
    error_message = "The example must expose the Lambda role to add to the domain policy, and archive to the created bucket."
  }

  assert {
    condition     = length(jsondecode(output.kms_key_policy_json).Statement) == 3
    error_message = "The example must publish the key policy a brought key needs."
  }
}
