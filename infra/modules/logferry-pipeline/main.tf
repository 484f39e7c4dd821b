data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix

  # Every service principal below is built from the partition's DNS suffix so the module also
  # works in aws-cn and aws-us-gov.
  logs_service_principal       = "logs.${local.dns_suffix}"
  logs_regional_principal      = "logs.${local.region}.${local.dns_suffix}"
  lambda_service_principal     = "lambda.${local.dns_suffix}"
  cloudwatch_service_principal = "cloudwatch.${local.dns_suffix}"
  opensearch_service_principal = "es.${local.dns_suffix}"

  account_root_arn = "arn:${local.partition}:iam::${local.account_id}:root"
  # Alarm names all start with the pipeline name; the CloudWatch grants on the key and topic are
  # scoped to them.
  alarm_arn_pattern = "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${var.name}-*"

  kms_key_arn = var.kms_key_arn != null ? var.kms_key_arn : aws_kms_key.this[0].arn

  lambda_log_group_name = "/aws/lambda/${var.name}"
  # The default zip path assumes the module is used from inside the logferry repository
  # (infra/modules/logferry-pipeline -> apps/kinesis-lambda/dist/lambda.zip).
  lambda_zip_path = coalesce(var.lambda_zip_path, "${path.module}/../../../apps/kinesis-lambda/dist/lambda.zip")

  # The bucket always exists: the Lambda needs a dead-letter store even without the archive.
  s3_bucket_name = coalesce(var.s3_bucket_name, "${var.name}-${local.account_id}-${local.region}")
  s3_bucket_arn  = "arn:${local.partition}:s3:::${local.s3_bucket_name}"

  opensearch_domain_name = coalesce(var.opensearch_domain_name, var.name)
  # Built from its parts rather than read from the domain so the access policy, the Lambda role
  # and the log resource policy do not wait on (or cycle through) the domain.
  created_domain_arn = "arn:${local.partition}:es:${local.region}:${local.account_id}:domain/${local.opensearch_domain_name}"
  opensearch_domain_arn = (
    var.create_opensearch_domain ? local.created_domain_arn : var.opensearch_domain_arn
  )
  opensearch_url = (
    var.create_opensearch_domain ? "https://${aws_opensearch_domain.this[0].endpoint}" :
    var.opensearch_endpoint == null ? null :
    startswith(var.opensearch_endpoint, "https://") ? trimsuffix(var.opensearch_endpoint, "/") :
    "https://${trimsuffix(var.opensearch_endpoint, "/")}"
  )

  search_enabled = var.create_opensearch_domain || var.opensearch_endpoint != null

  # Null entries are dropped below. The search settings are only set with a search destination:
  # the Lambda rejects them without LOGFERRY_ELASTICSEARCH_URL. The URL itself is added apart
  # because a created domain's endpoint is unknown until apply, and filtering on it would hide
  # every key.
  optional_environment = {
    LOGFERRY_ELASTICSEARCH_AUTH        = local.search_enabled ? var.opensearch_auth : null
    LOGFERRY_SIGV4_SERVICE             = local.search_enabled && var.opensearch_serverless_collection_arn != null ? "aoss" : null
    LOGFERRY_INDEX_TEMPLATE            = local.search_enabled ? var.lambda_index_template : null
    LOGFERRY_DATA_STREAM               = local.search_enabled ? var.lambda_data_stream : null
    LOGFERRY_JSON_MODE                 = local.search_enabled ? var.lambda_json_mode : null
    LOGFERRY_BULK_MAX_BYTES            = local.search_enabled && var.lambda_bulk_max_bytes != null ? tostring(var.lambda_bulk_max_bytes) : null
    LOGFERRY_DOCUMENT_IDS              = local.search_enabled && var.lambda_document_ids != "event-id" ? var.lambda_document_ids : null
    LOGFERRY_ELASTICSEARCH_COMPRESSION = local.search_enabled && var.lambda_elasticsearch_compression != "auto" ? var.lambda_elasticsearch_compression : null
    LOGFERRY_RETRY_BUDGET_MS           = var.lambda_retry_budget_ms != null ? tostring(var.lambda_retry_budget_ms) : null
    LOGFERRY_ARCHIVE_BUCKET            = var.archive_enabled ? local.s3_bucket_name : null
    LOGFERRY_ARCHIVE_PREFIX            = var.archive_enabled ? var.archive_prefix : null
    LOGFERRY_DEAD_LETTER_BUCKET        = local.s3_bucket_name
    LOGFERRY_DEAD_LETTER_PREFIX        = var.dead_letter_prefix
    # Set explicitly so objects are SSE-KMS with this key even in a brought-your-own bucket.
    LOGFERRY_S3_KMS_KEY_ID = local.kms_key_arn
  }
  lambda_environment = merge(
    var.lambda_extra_environment,
    { for key, value in local.optional_environment : key => value if value != null },
    local.search_enabled ? { LOGFERRY_ELASTICSEARCH_URL = local.opensearch_url } : {},
  )
}
