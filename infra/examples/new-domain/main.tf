# The seed's deployment, secure by default: log groups foo, bar and baz shipped through one
# Kinesis stream and one Lambda to a new OpenSearch domain, with an S3 archive.

provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

module "logferry" {
  source = "../../modules/logferry-pipeline"

  name                     = var.name
  log_group_names          = ["foo", "bar", "baz"]
  create_log_groups        = true
  create_opensearch_domain = true
  # Three quiet log groups fit in one shard; a provisioned shard (~$11/month) costs less than an
  # on-demand stream's hourly charge (~$29/month). See the module README's cost table.
  kinesis_stream_mode              = "PROVISIONED"
  kinesis_shard_count              = 1
  opensearch_reader_principal_arns = var.reader_principal_arns
  archive_enabled                  = true
  alarm_email_addresses            = var.alarm_email_addresses
  lambda_zip_path                  = var.lambda_zip_path
}
