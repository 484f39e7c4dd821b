# Plans the example against the mocked provider: the seed's three log groups reach a new,
# encrypted domain through one stream and one Lambda, with an archive.

mock_provider "aws" {
  source = "../../modules/logferry-pipeline/tests/mocks"
}

variables {
  lambda_zip_path       = "../../tests/fixtures/lambda.zip"
  reader_principal_arns = ["arn:aws:iam::111122223333:role/log-readers"]
}

run "ships_foo_bar_and_baz_to_a_new_domain_with_an_archive" {
  command = apply

  assert {
    condition     = module.logferry.subscribed_log_group_names == tolist(["bar", "baz", "foo"])
    error_message = "The example must subscribe exactly foo, bar and baz."
  }

  assert {
    condition     = output.opensearch_url == "https://search-mock-domain-abcdefghijklmnop.eu-west-1.es.amazonaws.com" && output.opensearch_dashboards_url == "https://search-mock-domain-abcdefghijklmnop.eu-west-1.es.amazonaws.com/_dashboards"
    error_message = "The example must create a domain and ship to it over HTTPS."
  }

  assert {
    condition     = output.archive_s3_uri == "s3://logferry-seed-111122223333-eu-west-1/archive/" && output.lambda_function_name == "logferry-seed"
    error_message = "The example must archive to the pipeline bucket from the logferry-seed Lambda."
  }
}
