# Ship log groups to an OpenSearch domain you already run. The module scopes the Lambda's IAM
# permissions to that domain; the domain's own access policy must also allow the Lambda role
# (see the lambda_role_arn output and README.md).

provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

module "logferry" {
  source = "../../modules/logferry-pipeline"

  name                  = var.name
  log_group_names       = var.log_group_names
  create_log_groups     = var.create_log_groups
  kms_key_arn           = var.kms_key_arn
  opensearch_endpoint   = var.opensearch_endpoint
  opensearch_domain_arn = var.opensearch_domain_arn
  lambda_zip_path       = var.lambda_zip_path
}
