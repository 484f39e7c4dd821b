# Realistic values for what the AWS provider would compute, so assertions can compare ARNs and
# endpoints exactly. Account 111122223333 in eu-west-1 throughout.

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "111122223333"
    arn        = "arn:aws:iam::111122223333:user/terraform"
    user_id    = "AIDAEXAMPLEUSERID"
  }
}

mock_data "aws_region" {
  defaults = {
    name        = "eu-west-1"
    description = "Europe (Ireland)"
    endpoint    = "ec2.eu-west-1.amazonaws.com"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition          = "aws"
    dns_suffix         = "amazonaws.com"
    reverse_dns_prefix = "com.amazonaws"
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn    = "arn:aws:kms:eu-west-1:111122223333:key/2f5c1a9e-0b7d-4c1e-9a51-3d7f0c2e8b14"
    key_id = "2f5c1a9e-0b7d-4c1e-9a51-3d7f0c2e8b14"
  }
}

mock_resource "aws_kinesis_stream" {
  defaults = {
    arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/mock-stream"
  }
}

mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:eu-west-1:111122223333:mock-on-failure"
    id  = "https://sqs.eu-west-1.amazonaws.com/111122223333/mock-on-failure"
    url = "https://sqs.eu-west-1.amazonaws.com/111122223333/mock-on-failure"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:eu-west-1:111122223333:mock-alarms"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::111122223333:role/mock-role"
  }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn           = "arn:aws:lambda:eu-west-1:111122223333:function:mock-function"
    invoke_arn    = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:mock-function/invocations"
    qualified_arn = "arn:aws:lambda:eu-west-1:111122223333:function:mock-function:$LATEST"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::mock-bucket"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-west-1:111122223333:log-group:mock-log-group"
  }
}

mock_resource "aws_opensearch_domain" {
  defaults = {
    arn                = "arn:aws:es:eu-west-1:111122223333:domain/mock-domain"
    endpoint           = "search-mock-domain-abcdefghijklmnop.eu-west-1.es.amazonaws.com"
    dashboard_endpoint = "search-mock-domain-abcdefghijklmnop.eu-west-1.es.amazonaws.com/_dashboards"
  }
}

mock_resource "aws_security_group" {
  defaults = {
    id = "sg-0123456789abcdef0"
  }
}
